using Routing.Core.Configuration;
using Routing.Core.Statistics;

namespace Routing.Core.Tests.Statistics;

/// <summary>The queues of the default triage rules (Triage/default-rules.json), with test-friendly timings.</summary>
internal static class StatisticsTestOptions
{
    public const string Clinical = "clinical-triage";
    public const string Scheduling = "scheduling";

    public static RoutingOptions DefaultRouting(TimeSpan? wrapUp = null, TimeSpan? ringTimeout = null)
    {
        QueueDefinition Queue(string id, bool clinical = false) => new()
        {
            Id = id,
            Clinical = clinical,
            WrapUp = wrapUp ?? TimeSpan.Zero,
            RingTimeout = ringTimeout ?? TimeSpan.FromMinutes(30),
        };

        return new RoutingOptions
        {
            Queues = [Queue(Clinical, clinical: true), Queue(Scheduling), Queue("prescriptions"), Queue("billing"), Queue("senior-line")],
        };
    }

    public static StatisticsOptions StatsOptions() => StatisticsOptions.For(DefaultRouting());
}
