namespace Routing.LoadTest.Month;

/// <summary>
/// The run's dates and the expected calls in each hour of each: total × (weekday share of the date / sum over the run's
/// dates) × (hour share / sum of hour shares). Every date of one weekday gets the same volume, so a roster per weekday fits
/// every week of the run.
/// </summary>
internal sealed class MonthCalendar
{
    private readonly double[] _dayWeights;
    private readonly double _dayWeightSum;
    private readonly double _hourWeightSum;

    public MonthCalendar(MonthScenario scenario, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (start.Offset != TimeSpan.Zero || start.TimeOfDay != TimeSpan.Zero)
        {
            throw new ScenarioException($"scenario {scenario.Name}: start must be a UTC midnight (hours of day are counted from it), got {start:O}");
        }

        Scenario = scenario;
        Start = start;
        _dayWeights = new double[scenario.Days];
        for (var d = 0; d < scenario.Days; d++)
        {
            _dayWeights[d] = scenario.WeekdayShares[DayOfWeekOf(d)];
            _dayWeightSum += _dayWeights[d];
        }

        if (_dayWeightSum <= 0)
        {
            throw new ScenarioException($"scenario {scenario.Name}: weekdayShares gives every day of the run zero calls");
        }

        _hourWeightSum = scenario.HourlyShares.Sum();
    }

    public MonthScenario Scenario { get; }

    /// <summary>Midnight (UTC) of the first day.</summary>
    public DateTimeOffset Start { get; }

    public int Days => _dayWeights.Length;

    /// <summary>End of the last day.</summary>
    public DateTimeOffset End => Start.AddDays(Days);

    /// <summary>The next UTC midnight at or after <paramref name="now"/>: where a month starts when the scenario does not say.</summary>
    public static DateTimeOffset MidnightAtOrAfter(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var midnight = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        return midnight == utc ? midnight : midnight.AddDays(1);
    }

    public DayOfWeek DayOfWeekOf(int day) => Start.AddDays(day).DayOfWeek;

    /// <summary>Relative weight of an hour of day (0 outside the open hours).</summary>
    public double HourShare(int hourOfDay)
    {
        var i = hourOfDay - Scenario.OpenHour;
        return i >= 0 && i < Scenario.HourlyShares.Count ? Scenario.HourlyShares[i] / _hourWeightSum : 0;
    }

    /// <summary>Share of all the run's calls that arrive on <paramref name="day"/>.</summary>
    public double DayShare(int day) => _dayWeights[day] / _dayWeightSum;

    /// <summary>Share of all the run's calls that arrive on one date of weekday <paramref name="weekday"/> (same for each such date).</summary>
    public double WeekdayDateShare(DayOfWeek weekday) => Scenario.WeekdayShares[weekday] / _dayWeightSum;

    /// <summary>Calls expected in one hour of one date of the given weekday.</summary>
    public double ExpectedCalls(DayOfWeek weekday, int hourOfDay) => Scenario.TotalCalls * WeekdayDateShare(weekday) * HourShare(hourOfDay);
}
