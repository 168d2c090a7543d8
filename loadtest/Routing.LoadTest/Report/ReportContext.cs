using System.Globalization;

namespace Routing.LoadTest.Report;

/// <summary>The run, the settings, and lookups derived from both (thresholds, targets, the local clock of the run).</summary>
internal sealed class ReportContext
{
    public ReportContext(RunObservations run, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        Run = run;
        Settings = settings;
        Calls = run.Calls.Select(c => ClassifiedCall.From(c, this)).ToArray();
    }

    public RunObservations Run { get; }

    public ReportSettings Settings { get; }

    /// <summary>Every call, in the run's order, classified.</summary>
    public IReadOnlyList<ClassifiedCall> Calls { get; }

    /// <summary>Offset of <see cref="RunObservations.Start"/>: hours of the day and time-of-day profiles use it.</summary>
    public TimeSpan ClockOffset => Run.Start.Offset;

    public string ClockName => ClockOffset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (ClockOffset < TimeSpan.Zero ? "-" : "+") + ClockOffset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public double ThresholdSeconds(string queueId) =>
        (Run.QueueThresholds.TryGetValue(queueId, out var t) ? t : Settings.DefaultThreshold).TotalSeconds;

    public double Target(string queueId) =>
        Run.QueueTargets.TryGetValue(queueId, out var target) ? target : Settings.DefaultTarget;

    /// <summary>Ticks since midnight on the run's clock, for time-of-day profiles.</summary>
    public long TimeOfDayTicks(DateTimeOffset instant)
    {
        var local = instant.UtcTicks + ClockOffset.Ticks;
        return ((local % TimeSpan.TicksPerDay) + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
    }

    public int HourOfDay(DateTimeOffset instant) => (int)(TimeOfDayTicks(instant) / TimeSpan.TicksPerHour);

    /// <summary>Queue ids of offered calls, ordinal order.</summary>
    public IReadOnlyList<string> QueueIds() =>
        Calls.Where(c => c.IsOffered).Select(c => c.Call.QueueId)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
