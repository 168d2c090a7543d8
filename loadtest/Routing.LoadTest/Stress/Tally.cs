using System.Collections.Concurrent;

namespace Routing.LoadTest.Stress;

/// <summary>Thread-safe counts by name, for the traffic around the measured OfferCalls (instructions, agent commands, hang-ups).</summary>
internal sealed class Tally
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name, long count = 1) => _counts.AddOrUpdate(name, count, (_, n) => n + count);

    public long this[string name] => _counts.TryGetValue(name, out var n) ? n : 0;

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
