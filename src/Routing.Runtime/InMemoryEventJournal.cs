using System.Diagnostics;
using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// A journal kept in memory: the default until the durable store exists, and what tests and replay use. Appends are
/// atomic and refuse gaps; reads may run on any thread while appends go on and see every append completed before them.
/// </summary>
public sealed class InMemoryEventJournal : IEventJournal
{
    // Sequences start at 1 without gaps, so the event with sequence s lives at index s - 1: reads seek in O(1).
    private readonly List<RoutingEvent> _events = [];
    private readonly Lock _lock = new();

    /// <summary>Sequence of the last appended event; 0 when empty.</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>A copy of every appended event, in sequence order.</summary>
    public RoutingEvent[] ToArray()
    {
        lock (_lock)
        {
            return _events.ToArray();
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The events do not continue the journal without a gap; nothing was appended.</exception>
    public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        lock (_lock)
        {
            // Check the whole batch before touching the list, so a refused append leaves nothing behind.
            long expected = _events.Count + 1;
            for (var i = 0; i < events.Count; i++, expected++)
            {
                if (events[i].Sequence != expected)
                {
                    return ValueTask.FromException(new InvalidOperationException(
                        $"Event sequence {events[i].Sequence} does not continue the journal at {expected - 1}."));
                }
            }

            _events.AddRange(events);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        return new Reader(this, fromSequence, cancellationToken);
    }

    /// <summary>Copies the next chunk under the lock, so a long read never holds it for more than a few hundred events.</summary>
    private int CopyFrom(long sequence, RoutingEvent[] buffer)
    {
        lock (_lock)
        {
            var start = sequence - 1;
            if (start >= _events.Count)
            {
                return 0;
            }

            var count = (int)Math.Min(buffer.Length, _events.Count - start);
            _events.CopyTo((int)start, buffer, 0, count);
            return count;
        }
    }

    /// <summary>
    /// Everything is in memory, so every step completes synchronously: a plain enumerator behind the async interface
    /// avoids an async state machine per event.
    /// </summary>
    private sealed class Reader(InMemoryEventJournal journal, long fromSequence, CancellationToken cancellationToken)
        : IAsyncEnumerable<RoutingEvent>, IAsyncEnumerator<RoutingEvent>
    {
        private const int ChunkSize = 256;
        private RoutingEvent[]? _chunk;
        private int _count;
        private int _index;
        private long _next = fromSequence;
        private CancellationToken _token = cancellationToken;
        private bool _enumerated;

        public RoutingEvent Current { get; private set; } = null!;

        public IAsyncEnumerator<RoutingEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            // One enumeration per instance: ReadAllAsync hands out a fresh reader each call.
            if (_enumerated)
            {
                throw new InvalidOperationException("This journal read has already been enumerated; call ReadAllAsync again.");
            }

            _enumerated = true;
            if (cancellationToken.CanBeCanceled)
            {
                _token = cancellationToken;
            }

            return this;
        }

        public ValueTask<bool> MoveNextAsync()
        {
            if (_token.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(_token);
            }

            if (_index == _count)
            {
                _chunk ??= new RoutingEvent[ChunkSize];
                _count = journal.CopyFrom(_next, _chunk);
                _index = 0;
                if (_count == 0)
                {
                    return new ValueTask<bool>(false);
                }
            }

            Current = _chunk![_index++];
            Debug.Assert(Current.Sequence == _next, "the in-memory journal holds contiguous sequences");
            _next++;
            return new ValueTask<bool>(true);
        }

        public ValueTask DisposeAsync()
        {
            _chunk = null;
            return ValueTask.CompletedTask;
        }
    }
}
