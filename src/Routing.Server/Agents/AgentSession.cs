using System.Threading.Channels;
using Grpc.Core;
using Routing.Server.Simulation;
using Routing.V1;

namespace Routing.Server.Agents;

/// <summary>
/// One agent desktop stream. Everything written to the desktop goes through <see cref="Outbox"/> and is written by
/// one task (grpc-dotnet's Channeler pattern), so the fan-out never waits on a slow desktop and no two threads
/// ever write the stream at once.
/// </summary>
internal sealed class AgentSession : IDisposable
{
    /// <summary>Room for bursts of offers and confirmations; a desktop this far behind is disconnected.</summary>
    public const int OutboxCapacity = 256;

    private readonly Channel<AgentSessionResponse> _outbox = Channel.CreateBounded<AgentSessionResponse>(
        new BoundedChannelOptions(OutboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _presenceLock = new();
    private long _presenceSequence;
    private bool _loggedOut;
    private readonly SettleTracker _settle;

    /// <param name="settle">Counts what is handed to the outbox and what is written, for simulation mode.</param>
    public AgentSession(SettleTracker settle) => _settle = settle;

    public string? AgentId { get; set; }

    /// <summary>
    /// True when the agent's last login or logout through this session was a logout: the desktop said goodbye, so
    /// its stream ending is not a drop and no grace-period logout follows.
    /// </summary>
    public bool LoggedOut
    {
        get
        {
            lock (_presenceLock)
            {
                return _loggedOut;
            }
        }
    }

    /// <summary>
    /// Records a login or logout that took effect at <paramref name="sequence"/>. Commands on one session are
    /// pipelined and their replies handled concurrently, so the engine's order decides, not the order of the calls.
    /// </summary>
    public void RecordPresence(bool loggedIn, long sequence)
    {
        lock (_presenceLock)
        {
            if (sequence > _presenceSequence)
            {
                _presenceSequence = sequence;
                _loggedOut = !loggedIn;
            }
        }
    }

    /// <summary>Signalled when the server closes this session (replaced by a newer one, or too far behind).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>False when the outbox is full or completed: the caller then closes the session.</summary>
    public bool TryEnqueue(AgentSessionResponse message)
    {
        _settle.Enqueueing();
        if (_outbox.Writer.TryWrite(message))
        {
            return true;
        }

        _settle.Discarded();
        return false;
    }

    public void Close()
    {
        _outbox.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _closed.Dispose();

    public void CompleteOutbox() => _outbox.Writer.TryComplete();

    /// <summary>After the outbox is completed and the pump has ended: what was never written will never be.</summary>
    public void DiscardUnwritten()
    {
        var count = 0;
        while (_outbox.Reader.TryRead(out _))
        {
            count++;
        }

        _settle.Discarded(count);
    }

    public async Task PumpAsync(IServerStreamWriter<AgentSessionResponse> stream, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken))
        {
            var written = false;
            try
            {
                await stream.WriteAsync(message, cancellationToken);
                written = true;
            }
            finally
            {
                if (written)
                {
                    _settle.AgentWritten(AgentId, message);
                }
                else
                {
                    _settle.Discarded();
                }
            }
        }
    }
}
