namespace Routing.LoadTest.Simulation;

/// <summary>A clock that only moves when told to: the simulation's virtual time. Never reads the wall clock.</summary>
internal sealed class VirtualTimeProvider : TimeProvider
{
    private DateTimeOffset _now;

    public VirtualTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long GetTimestamp() => _now.UtcTicks;

    /// <summary>Moves the clock to <paramref name="value"/>; virtual time never runs backwards.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        if (value < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Virtual time cannot go back from {_now:O}.");
        }

        _now = value;
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        _now += delta;
    }
}
