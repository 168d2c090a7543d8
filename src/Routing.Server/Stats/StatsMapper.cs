using Google.Protobuf.WellKnownTypes;
using Routing.Core.Statistics;
using Routing.V1;
using CoreAgentCounts = Routing.Core.Statistics.AgentStateCounts;
using CoreDatapoint = Routing.Core.Statistics.ServiceLevelDatapoint;
using CorePercentiles = Routing.Core.Statistics.DurationPercentiles;
using CoreRole = Routing.Core.Agents.AgentRole;

namespace Routing.Server.Stats;

/// <summary>Static mapping of statistics to the dashboard contract: counts, durations, classes. Never patient data.</summary>
internal static class StatsMapper
{
    public static WatchQueueStatsResponse ToResponse(StatisticsSnapshot snapshot, bool first, IReadOnlySet<string>? queueFilter)
    {
        var response = new WatchQueueStatsResponse
        {
            Snapshot = first,
            AsOf = Timestamp.FromDateTimeOffset(snapshot.AsOf),
            WindowStart = Timestamp.FromDateTimeOffset(snapshot.WindowStart),
        };
        foreach (var queue in snapshot.Queues)
        {
            if (queueFilter is { Count: > 0 } && !queueFilter.Contains(queue.QueueId))
            {
                continue;
            }

            var stats = new QueueStats { QueueId = queue.QueueId };
            foreach (var c in queue.Classes)
            {
                var row = new UrgencyClassStats
                {
                    Urgency = (V1.Urgency)(int)c.Urgency,
                    Waiting = c.Waiting,
                    CallbacksWaiting = c.CallbacksWaiting,
                    OldestWait = Duration.FromTimeSpan(c.OldestWait),
                    Offered = c.Window.Offered,
                    Answered = c.Window.Answered,
                    Abandoned = c.Window.Abandoned,
                    EscalationWarnings = c.Window.EscalationWarnings,
                    EscalationBreaches = c.Window.EscalationBreaches,
                };
                row.ServiceLevels.AddRange(c.Window.ServiceLevels.Select(ToContract));
                stats.Classes.Add(row);
            }

            stats.Agents.AddRange(queue.Agents.Select(ToContract));
            response.Queues.Add(stats);
        }

        return response;
    }

    public static V1.ServiceLevelDatapoint ToContract(CoreDatapoint d)
    {
        var point = new V1.ServiceLevelDatapoint
        {
            IntervalStart = Timestamp.FromDateTimeOffset(d.IntervalStart),
            IntervalEnd = Timestamp.FromDateTimeOffset(d.IntervalEnd),
            QueueId = d.QueueId ?? string.Empty,
            Urgency = d.Urgency is { } u ? (V1.Urgency)(int)u : V1.Urgency.Unspecified,
            Offered = d.Offered,
            Answered = d.Answered,
            Abandoned = d.Abandoned,
            ShortAbandons = d.ShortAbandons,
            AnsweredWithinThreshold = d.AnsweredWithinThreshold,
            Wait = ToContract(d.Wait),
            TimeToClinician = ToContract(d.TimeToClinician),
            FtceA = d.FtceA,
            FtceB = d.FtceB,
        };
        point.ServiceLevels.AddRange(d.ServiceLevels.Select(ToContract));
        if (d.Asa is { } asa)
        {
            point.AverageSpeedOfAnswer = Duration.FromTimeSpan(asa);
        }

        if (d.AsaAllCalls is { } all)
        {
            point.AverageWaitAllCalls = Duration.FromTimeSpan(all);
        }

        if (d.Aht is { } aht)
        {
            point.AverageHandleTime = Duration.FromTimeSpan(aht);
        }

        if (d.AbandonmentRate is { } rate)
        {
            point.AbandonmentRate = rate;
        }

        return point;
    }

    private static ServiceLevel ToContract(ServiceLevelValue v)
    {
        var level = new ServiceLevel { DefinitionName = v.DefinitionName, Target = v.Target ?? 0 };
        if (v.Threshold is { } threshold)
        {
            level.Threshold = Duration.FromTimeSpan(threshold);
        }

        if (v.Value is { } value)
        {
            level.Fraction = value;
        }

        return level;
    }

    private static V1.DurationPercentiles ToContract(CorePercentiles p) => new()
    {
        Count = p.Count,
        P50 = Duration.FromTimeSpan(p.P50),
        P90 = Duration.FromTimeSpan(p.P90),
        P95 = Duration.FromTimeSpan(p.P95),
        P99 = Duration.FromTimeSpan(p.P99),
        Max = Duration.FromTimeSpan(p.Max),
    };

    private static V1.AgentStateCounts ToContract(CoreAgentCounts a) => new()
    {
        Role = a.Role == CoreRole.Clinician ? AgentRole.Clinician : AgentRole.NonClinical,
        Available = a.Available,
        Reserved = a.Reserved,
        OnCall = a.OnCall,
        WrapUp = a.WrapUp,
        NotReady = a.NotReady,
    };
}
