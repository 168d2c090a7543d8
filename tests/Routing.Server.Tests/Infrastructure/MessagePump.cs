using System.Text;
using Grpc.Core;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>
/// Reads a server stream in the background into a list, so a test can wait for the next message of the kind it
/// wants (offers, replies, state changes each in their own order) without losing the others, and can later assert
/// on everything the stream carried. <see cref="Completion"/> tells how the stream ended.
/// </summary>
internal sealed class MessagePump<T>
    where T : class
{
    private readonly Lock _lock = new();
    private readonly List<T> _messages = [];
    private readonly List<bool> _taken = [];
    private TaskCompletionSource _changed = NewSignal();
    private Status? _end;

    public MessagePump(IAsyncStreamReader<T> reader, string name)
    {
        Name = name;
        Completion = Task.Run(() => PumpAsync(reader));
    }

    public string Name { get; }

    /// <summary>The status the stream ended with: OK when the server completed it, else the call's error status.</summary>
    public Task<Status> Completion { get; }

    /// <summary>Every message received so far, taken or not, in arrival order.</summary>
    public IReadOnlyList<T> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The earliest message not yet taken that matches; waits for one (with the safety-net timeout).</summary>
    public async Task<T> NextAsync(Func<T, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                for (var i = 0; i < _messages.Count; i++)
                {
                    if (!_taken[i] && match(_messages[i]))
                    {
                        _taken[i] = true;
                        return _messages[i];
                    }
                }

                if (_end is { } end)
                {
                    throw new Xunit.Sdk.XunitException($"{Name} ended ({end.StatusCode}: {end.Detail}) before {what}.{Describe()}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{Name}: no {what} within {Wait.Timeout.TotalSeconds} s.{Describe()}");
            }
        }
    }

    private async Task<Status> PumpAsync(IAsyncStreamReader<T> reader)
    {
        Status end;
        try
        {
            while (await reader.MoveNext(CancellationToken.None))
            {
                Signal(() =>
                {
                    _messages.Add(reader.Current);
                    _taken.Add(false);
                });
            }

            end = Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            end = ex.Status;
        }
        catch (ObjectDisposedException)
        {
            // The test disposed the call while reading: the same as cancelling it.
            end = Status.DefaultCancelled;
        }

        Signal(() => _end = end);
        return end;
    }

    private void Signal(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private string Describe()
    {
        var text = new StringBuilder();
        text.Append(" Received:");
        lock (_lock)
        {
            foreach (var message in _messages)
            {
                text.Append("\n  ").Append(message);
            }
        }

        return text.ToString();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
