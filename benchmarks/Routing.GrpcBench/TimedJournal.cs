using System.Diagnostics;
using Routing.Core.Events;
using Routing.Runtime;

namespace Routing.GrpcBench;

/// <summary>Counts and times a journal's appends (group commits): how many, how big, how long the loop waits on them.</summary>
internal sealed class TimedJournal : IEventJournal
{
    private readonly IEventJournal _inner;

    public TimedJournal(IEventJournal inner) => _inner = inner;

    public long Appends { get; private set; }

    public long Events { get; private set; }

    public long Ticks { get; private set; }

    public async ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var started = Stopwatch.GetTimestamp();
        await _inner.AppendAsync(events, cancellationToken);
        Ticks += Stopwatch.GetTimestamp() - started;
        Appends++;
        Events += events.Count;
    }

    public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => _inner.ReadAllAsync(fromSequence, cancellationToken);
}
