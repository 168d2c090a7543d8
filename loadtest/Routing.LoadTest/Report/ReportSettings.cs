using Routing.Core.Configuration;
using Routing.Core.Statistics;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.LoadTest.Report;

/// <summary>
/// The rules the report applies that are not in <see cref="RunObservations"/>. Defaults are the core's own
/// (<see cref="StatisticsOptions"/> and <see cref="RoutingOptions.DefaultEscalation"/>), so the report's figures are
/// defined like the server's.
/// </summary>
internal sealed record ReportSettings
{
    private static readonly StatisticsOptions CoreDefaults = new();

    /// <summary>An abandon after a strictly shorter wait is a short abandon (core default 10 s).</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = CoreDefaults.ShortAbandonThreshold;

    /// <summary>Threshold for a queue that <see cref="RunObservations.QueueThresholds"/> does not list (core default 120 s).</summary>
    public TimeSpan DefaultThreshold { get; init; } = CoreDefaults.DefaultSlaThreshold;

    /// <summary>Target for a queue that <see cref="RunObservations.QueueTargets"/> does not list (core default 0.95).</summary>
    public double DefaultTarget { get; init; } = CoreDefaults.DefaultSlaTarget;

    /// <summary>Deadline to clinician per clinical class (FTCE-B): 60 s, 2 min, 30 min, 2 h by default.</summary>
    public IReadOnlyDictionary<CoreUrgency, EscalationPolicy> Escalation { get; init; } = RoutingOptions.DefaultEscalation;

    /// <summary>Resolution of the queue-depth profile across the day.</summary>
    public TimeSpan DepthInterval { get; init; } = TimeSpan.FromMinutes(15);

    public static ReportSettings Default { get; } = new();
}
