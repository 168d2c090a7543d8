using System.Globalization;
using Routing.Core.Configuration;
using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>Settings of a <see cref="ServiceLevelStatistics"/> collector. <see cref="For"/> takes the rest from the routing options.</summary>
public sealed record StatisticsOptions
{
    /// <summary>Queues: SLA threshold and target, clinical flag and skills (for agents per queue).</summary>
    public IReadOnlyList<QueueDefinition> Queues { get; init; } = [];

    /// <summary>Deadline to clinician per clinical class, from first arrival (FTCE-B).</summary>
    public IReadOnlyDictionary<Urgency, EscalationPolicy> Escalation { get; init; } = RoutingOptions.DefaultEscalation;

    /// <summary>Length of the smallest reporting interval. Must divide a day. Default 15 minutes.</summary>
    public TimeSpan IntervalLength { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>An abandon after a shorter wait is a short abandon. Default 10 s.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back intervals are kept, before the newest one. Default 2 days (a rolling day needs 1).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(2);

    /// <summary>Threshold for a queue that <see cref="Queues"/> does not list. Default 120 s.</summary>
    public TimeSpan DefaultSlaThreshold { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Target for a queue that <see cref="Queues"/> does not list. Default 0.95.</summary>
    public double DefaultSlaTarget { get; init; } = 0.95;

    /// <summary>Options taking the queues and escalation deadlines of <paramref name="routing"/>, other settings at their defaults.</summary>
    public static StatisticsOptions For(RoutingOptions routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        return new StatisticsOptions { Queues = routing.Queues, Escalation = routing.Escalation };
    }

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IntervalLength <= TimeSpan.Zero || IntervalLength > TimeSpan.FromDays(1) || TimeSpan.TicksPerDay % IntervalLength.Ticks != 0)
        {
            errors.Add("IntervalLength: must be positive and divide a day.");
        }

        if (ShortAbandonThreshold < TimeSpan.Zero)
        {
            errors.Add("ShortAbandonThreshold: must not be negative.");
        }

        if (IntervalLength > TimeSpan.Zero && Retention < IntervalLength)
        {
            errors.Add("Retention: must be at least one interval.");
        }

        if (DefaultSlaThreshold <= TimeSpan.Zero)
        {
            errors.Add("DefaultSlaThreshold: must be positive.");
        }

        if (DefaultSlaTarget is <= 0 or > 1)
        {
            errors.Add("DefaultSlaTarget: must be in (0, 1].");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Queues.Count; i++)
        {
            var queue = Queues[i];
            if (queue is null || string.IsNullOrWhiteSpace(queue.Id) || !ids.Add(queue.Id))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Queues[{i}]: missing, without an id, or a duplicate id."));
            }
        }

        foreach (var (urgency, policy) in Escalation)
        {
            if (policy is null || policy.Deadline <= TimeSpan.Zero)
            {
                errors.Add($"Escalation[{urgency.ToCode()}]: the deadline must be positive.");
            }
        }

        return errors;
    }
}
