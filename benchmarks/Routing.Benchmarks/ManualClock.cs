namespace Routing.Benchmarks;

/// <summary>
/// Virtual time for the engine: a plain field, moved only by the benchmark. Cheaper than FakeTimeProvider (no lock,
/// no timer list) so the clock is not part of what is measured.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    public ManualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(_utcTicks, TimeSpan.Zero);

    public void Advance(TimeSpan by) => _utcTicks += by.Ticks;
}
