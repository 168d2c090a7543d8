using System.Threading.Channels;
using Routing.Server.Simulation;
using Routing.V1;

namespace Routing.Server.Gateways;

/// <summary>
/// Instructions for one gateway that it has not acknowledged yet. They outlive any one connection: a gateway that
/// reconnects says what it last acknowledged and receives the rest, in order. The live connection gets them
/// through a bounded channel written by the fan-out without waiting.
/// </summary>
internal sealed class GatewayOutbox
{
    /// <summary>A gateway that acknowledges nothing for this long loses the oldest pending instructions.</summary>
    public const int MaxPending = 10_000;

    public const int ConnectionCapacity = 1_024;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, GatewaySessionResponse> _pending = [];
    private readonly SettleTracker _settle;
    private Channel<GatewaySessionResponse>? _connection;

    // The highest sequence the gateway has acknowledged to this process (on attach or since).
    private long _acknowledged;

    /// <param name="gatewayId">The gateway whose instructions these are.</param>
    /// <param name="settle">Counts what is handed to a connection and what is written, for simulation mode.</param>
    public GatewayOutbox(string gatewayId, SettleTracker settle)
    {
        GatewayId = gatewayId;
        _settle = settle;
    }

    public string GatewayId { get; }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Keeps the instruction until acknowledged and passes it to the live connection, if any.</summary>
    /// <returns>False when the live connection is too far behind (the caller then drops it).</returns>
    public bool Add(GatewaySessionResponse instruction)
    {
        lock (_lock)
        {
            _pending[instruction.Sequence] = instruction;
            if (_pending.Count > MaxPending)
            {
                _pending.Remove(_pending.Keys.First());
            }

            if (_connection is not null && !Pass(_connection, instruction))
            {
                // Ending the connection makes the gateway reconnect and resume from what it acknowledged.
                _connection.Writer.TryComplete();
                _connection = null;
                return false;
            }

            return true;
        }
    }

    /// <summary>
    /// An instruction issued before a restart, found still relevant by the replay: kept and passed on like
    /// <see cref="Add"/>, unless the gateway has already acknowledged it to this process (it attached before the
    /// replay ended). Before any such acknowledgement it is kept: a duplicate carries the sequence the gateway
    /// acknowledged it by, a lost connect would leave a caller on hold.
    /// </summary>
    public bool AddRecovered(GatewaySessionResponse instruction)
    {
        lock (_lock)
        {
            if (instruction.Sequence <= _acknowledged)
            {
                return true;
            }
        }

        return Add(instruction);
    }

    /// <summary>
    /// Passes a momentary instruction (a position announcement) to the live connection only: it is not kept for
    /// acknowledgement, because a stale position is worse than none after a reconnect.
    /// </summary>
    public void SendTransient(GatewaySessionResponse instruction)
    {
        lock (_lock)
        {
            if (_connection is not null)
            {
                Pass(_connection, instruction);
            }
        }
    }

    /// <summary>Attaches a new connection after acknowledging up to <paramref name="lastAcknowledged"/>; queues the rest on it.</summary>
    public ChannelReader<GatewaySessionResponse> Attach(long lastAcknowledged, out int resent)
    {
        var connection = Channel.CreateBounded<GatewaySessionResponse>(new BoundedChannelOptions(ConnectionCapacity + MaxPending) { SingleReader = true });
        lock (_lock)
        {
            AcknowledgeLocked(lastAcknowledged);
            _connection?.Writer.TryComplete();
            _connection = connection;
            foreach (var pending in _pending.Values)
            {
                Pass(connection, pending);
            }

            resent = _pending.Count;
        }

        return connection.Reader;
    }

    public void Detach(ChannelReader<GatewaySessionResponse> reader)
    {
        lock (_lock)
        {
            if (_connection is not null && ReferenceEquals(_connection.Reader, reader))
            {
                _connection.Writer.TryComplete();
                _connection = null;
            }
        }
    }

    /// <summary>The connection's writer wrote <paramref name="instruction"/> to the gateway's stream.</summary>
    public void Written(GatewaySessionResponse instruction) => _settle.GatewayWritten(GatewayId, instruction);

    /// <summary>The connection's writer took an instruction but its stream failed before it was written.</summary>
    public void NotWritten() => _settle.Discarded();

    /// <summary>
    /// The connection behind <paramref name="reader"/> has ended (it is completed once detached or replaced) and so has
    /// its writer: what is left in it will never be written (the outbox still holds what needs acknowledging).
    /// </summary>
    public void DiscardUnwritten(ChannelReader<GatewaySessionResponse> reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = 0;
        while (reader.TryRead(out _))
        {
            count++;
        }

        _settle.Discarded(count);
    }

    public void Acknowledge(long sequence)
    {
        lock (_lock)
        {
            AcknowledgeLocked(sequence);
        }
    }

    /// <summary>Hands an instruction to a connection without waiting; false when it is full or completed.</summary>
    private bool Pass(Channel<GatewaySessionResponse> connection, GatewaySessionResponse instruction)
    {
        _settle.Enqueueing();
        if (connection.Writer.TryWrite(instruction))
        {
            return true;
        }

        _settle.Discarded();
        return false;
    }

    private void AcknowledgeLocked(long sequence)
    {
        _acknowledged = Math.Max(_acknowledged, sequence);
        while (_pending.Count > 0)
        {
            var first = _pending.Keys.First();
            if (first > sequence)
            {
                return;
            }

            _pending.Remove(first);
        }
    }
}
