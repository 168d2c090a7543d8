namespace Routing.LoadTest.Month;

/// <summary>
/// A call center's month: how many calls, how they spread over weekdays and hours, what they are, who answers them and
/// when. Read from JSON by <see cref="ScenarioReader"/>; everything the harness does follows from it and the seed.
/// </summary>
internal sealed record MonthScenario
{
    /// <summary>Hours in a day; the hourly roster has one entry per hour.</summary>
    public const int HoursPerDay = 24;

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>First instant of the first day; null: the server's clock, moved on to the next UTC midnight.</summary>
    public DateTimeOffset? Start { get; init; }

    public required int Days { get; init; }

    /// <summary>Exactly this many calls arrive over the run.</summary>
    public required int TotalCalls { get; init; }

    /// <summary>Relative weight of each weekday's volume (normalised over the run's dates).</summary>
    public required IReadOnlyDictionary<DayOfWeek, double> WeekdayShares { get; init; }

    /// <summary>Hour of day (UTC, the virtual clock's) of the first entry of <see cref="HourlyShares"/>.</summary>
    public required int OpenHour { get; init; }

    /// <summary>Relative weight of each hour from <see cref="OpenHour"/> on; no calls outside them.</summary>
    public required IReadOnlyList<double> HourlyShares { get; init; }

    public required IReadOnlyList<CallKindSpec> Mix { get; init; }

    public required IReadOnlyList<PoolSpec> Pools { get; init; }

    /// <summary>
    /// Every harness instant (arrival, end of a conversation, a caller hanging up) is a multiple of this many
    /// milliseconds after the start (default 1000). Every instant costs a clock advance and its own round trips, and
    /// actions that fall on the same instant share them: the built-in scenarios use 2000, which replays the standard
    /// month in about 20% less wall time than whole seconds (waits and handle times are then known to 2 s, against
    /// deadlines of a minute or more).
    /// </summary>
    public int TimeStepMs { get; init; } = 1000;

    /// <summary>Telephony gateways the calls are spread over (round robin).</summary>
    public int Gateways { get; init; } = 1;

    /// <summary>After the last arrival, how long to keep going for the calls still open; what is still open then is lost.</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromHours(24);

    public PoolSpec? PoolFor(string queue)
    {
        foreach (var pool in Pools)
        {
            if (string.Equals(pool.Queue, queue, StringComparison.Ordinal))
            {
                return pool;
            }
        }

        return null;
    }
}
