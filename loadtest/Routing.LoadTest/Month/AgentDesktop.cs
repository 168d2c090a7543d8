using System.Globalization;
using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Month;

/// <summary>What the driver believes a desktop is doing (the server's view is authoritative; surprises are counted).</summary>
internal enum DesktopState : byte
{
    LoggedOut = 0,

    /// <summary>Logged in and not talking: available, or in wrap-up.</summary>
    Idle = 1,

    OnCall = 2,
}

/// <summary>
/// One simulated agent desktop: an AgentSession stream, commands written in order, and a reader that hands offers,
/// withdrawn offers and refusals to the <see cref="DriverInbox"/>. Replies come back in command order (the server
/// answers a session's commands in order), so a FIFO of pending commands pairs each reply with its command and its
/// send time without a lookup. The stream opens at the desktop's first login and stays open across shifts.
/// </summary>
internal sealed class AgentDesktop
{
    private readonly DriverInbox _inbox;
    private readonly RpcLatencyRecorder _latency;
    private readonly Countdown _replies;
    private readonly Lock _lock = new();
    private readonly Queue<PendingCommand> _pending = new();
    private AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse>? _call;
    private Task _reader = Task.CompletedTask;
    private Task _writes = Task.CompletedTask;
    private long _requests;
    private volatile bool _closing;

    public AgentDesktop(int index, int pool, PoolSpec spec, int number, DriverInbox inbox, RpcLatencyRecorder latency, Countdown replies)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Index = index;
        Pool = pool;
        Spec = spec;
        AgentId = spec.AgentIdPrefix + number.ToString("D3", CultureInfo.InvariantCulture);
        _inbox = inbox;
        _latency = latency;
        _replies = replies;
    }

    /// <summary>Position in the driver's list of all desktops.</summary>
    public int Index { get; }

    public int Pool { get; }

    public PoolSpec Spec { get; }

    public bool Clinical => Spec.Clinical;

    public string AgentId { get; }

    public SeenSequence Seen { get; } = new();

    // The fields below belong to the driver's loop; readers never touch them.
    public DesktopState State { get; set; }

    /// <summary>The call on this desktop (OnCall), else −1.</summary>
    public int Call { get; set; } = -1;

    /// <summary>Rostered off: logs out when the current call is done (or, when the pool closes, when nobody waits).</summary>
    public bool Leaving { get; set; }

    /// <summary>The chain of writes so far; awaiting it surfaces a failed write.</summary>
    public Task Writes => _writes;

    public void Open(AgentService.AgentServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_call is not null)
        {
            return;
        }

        _call = client.AgentSession();
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Writes a command after those already written; its reply signals the shared reply countdown.</summary>
    public void Send(RpcKind kind, AgentSessionRequest request, int call)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stream = _call ?? throw new InvalidOperationException($"Desktop {AgentId} is not open.");
        if (_reader.IsCompleted)
        {
            // The stream is gone: no reply will come, and the driver must not wait for one.
            _inbox.Rejected(new RejectionNote(this, kind, call, CommandRejectionCode.Internal));
            return;
        }

        request.RequestId = (++_requests).ToString(CultureInfo.InvariantCulture);
        lock (_lock)
        {
            _pending.Enqueue(new PendingCommand(kind, call, RpcLatencyRecorder.Now()));
        }

        _replies.Add();
        _writes = StreamWrites.After(_writes, stream.RequestStream, request);
    }

    /// <summary>Ends the stream politely (the agent has logged out) and waits for the reader to finish.</summary>
    public async Task CloseAsync()
    {
        if (_call is not { } call)
        {
            return;
        }

        _closing = true;
        try
        {
            await _writes;
            await call.RequestStream.CompleteAsync();
            await _reader;
        }
        catch (RpcException)
        {
            // The server went first; nothing is left to say.
        }
        finally
        {
            call.Dispose();
        }
    }

    private Task ReadAsync() => StreamReads.DrainAsync(
        _call!.ResponseStream,
        Handle,
        () => _closing,
        code => _inbox.Problem($"AgentSession stream failed ({code})"),
        () =>
            {
                Seen.End();
                FailPending();
            });

    private void Handle(AgentSessionResponse message)
    {
        switch (message.EventCase)
        {
            case AgentSessionResponse.EventOneofCase.Offer:
                _inbox.Offer(new OfferNote(this, message.Offer.CallId, message.Offer.IsCallback));
                break;
            case AgentSessionResponse.EventOneofCase.OfferCancelled:
                _inbox.Cancelled(new CancelNote(this, message.OfferCancelled.CallId, message.OfferCancelled.Reason));
                break;
            case AgentSessionResponse.EventOneofCase.StateChanged when message.StateChanged.State == AgentState.NotReady
                && message.StateChanged.Reason is "missed-offers" or "no-answer":
                // Simulated desktops answer every offer at once: an offer rang out, so the harness let time run past it.
                _inbox.Problem("agent paused by the engine after an unanswered offer");
                break;
            case AgentSessionResponse.EventOneofCase.CommandAccepted:
                Reply(null);
                break;
            case AgentSessionResponse.EventOneofCase.CommandRejected:
                Reply(message.CommandRejected.Code);
                break;
            default:
                break;
        }

        if (message.EventSequence > 0)
        {
            Seen.Saw(message.EventSequence);
        }
    }

    private void Reply(CommandRejectionCode? rejected)
    {
        PendingCommand command;
        lock (_lock)
        {
            if (!_pending.TryDequeue(out command))
            {
                _inbox.Problem("AgentSession reply to no command");
                return;
            }
        }

        _latency.Record(command.Kind, command.Started);
        if (rejected is { } code)
        {
            _inbox.Rejected(new RejectionNote(this, command.Kind, command.Call, code));
        }

        _replies.Signal();
    }

    private void FailPending()
    {
        while (true)
        {
            PendingCommand command;
            lock (_lock)
            {
                if (!_pending.TryDequeue(out command))
                {
                    return;
                }
            }

            _inbox.Rejected(new RejectionNote(this, command.Kind, command.Call, CommandRejectionCode.Internal));
            _replies.Signal();
        }
    }

    private readonly record struct PendingCommand(RpcKind Kind, int Call, long Started);
}
