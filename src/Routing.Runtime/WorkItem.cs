using System.Diagnostics;
using Routing.Core.Commands;

namespace Routing.Runtime;

/// <summary>
/// One entry of a domain's command channel: a caller's command and the completion it awaits, or the timer's tick.
/// </summary>
/// <remarks>
/// A command moves from queued to started exactly once, under the loop, or from queued to canceled, under the
/// caller's token. Whoever wins that race decides: a canceled command is never executed, and a started one is
/// always answered with its durable result or a <see cref="RoutingDomainStoppedException"/>, whatever the token says
/// afterwards. So a caller that sees a cancellation knows the command had no effect.
/// </remarks>
internal sealed class WorkItem
{
    private const int Queued = 0;
    private const int Started = 1;
    private const int Canceled = 2;

    private readonly TaskCompletionSource<RoutingResult>? _completion;
    private CancellationTokenRegistration _cancellation;
    private RoutingResult? _result;
    private int _state;

    private WorkItem(RoutingCommand command, bool tick)
    {
        Command = command;

        // Continuations run on the thread pool, never inline on the loop: a caller's code must not stall the domain.
        _completion = tick ? null : new TaskCompletionSource<RoutingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public RoutingCommand Command { get; }

    /// <summary>True for the timer's tick, which has no caller.</summary>
    public bool IsTick => _completion is null;

    public Task<RoutingResult> Task => _completion!.Task;

    public static WorkItem ForCommand(RoutingCommand command) => new(command, tick: false);

    public static WorkItem Tick() => new(AdvanceTime.Instance, tick: true);

    /// <summary>Lets the caller's token cancel the command while it is still queued. Call before the item is written.</summary>
    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        Debug.Assert(!IsTick, "a tick has no caller to cancel it");
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((WorkItem)state!).TryCancel(token), this);
        }
    }

    /// <summary>Called by the loop before executing: false when the caller canceled first, and the command must be skipped.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Records the engine's result; the caller sees it only on <see cref="Complete"/>, once the events are durable.</summary>
    public void SetResult(RoutingResult result)
    {
        Debug.Assert(_state == Started && _result is null, "a result belongs to a started command, once");
        _result = result;
    }

    public void Complete()
    {
        Debug.Assert(_result is not null, "a command is completed only after it was executed");

        // Unregister rather than Dispose: Dispose would wait for a callback running on another thread, and the loop never waits.
        _cancellation.Unregister();
        _completion!.TrySetResult(_result);
    }

    public void Fail(Exception exception)
    {
        _cancellation.Unregister();
        _completion!.TrySetException(exception);
    }

    /// <summary>The item never reached the channel (it was closed, or the write was canceled).</summary>
    public void Abandon() => _cancellation.Unregister();

    private void TryCancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            _completion!.TrySetCanceled(token);
        }
    }
}
