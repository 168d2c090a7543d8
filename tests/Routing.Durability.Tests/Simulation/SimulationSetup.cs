using Routing.Core.Configuration;
using Routing.Core.Triage;

namespace Routing.Durability.Tests.Simulation;

/// <summary>The routing configuration the crash simulation runs: the server's five queues, overflow, timers and rules.</summary>
internal static class SimulationSetup
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Safety net for every await on the domain; a passing run never comes near it.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private static readonly Lazy<TriageRuleSet> LazyRules = new(TriageRuleSetLoader.LoadDefault);

    public static TriageRuleSet Rules => LazyRules.Value;

    /// <summary>
    /// Derives a seed from several numbers. Not <see cref="HashCode.Combine{T1, T2, T3}"/>: that one is randomized per
    /// process, and a failing seed must fail again in the next process.
    /// </summary>
    public static int Mix(int a, int b, int c)
    {
        unchecked
        {
            var h = (uint)a * 0x9E3779B1u;
            h = (h ^ (h >> 15) ^ (uint)b) * 0x85EBCA77u;
            h = (h ^ (h >> 13) ^ (uint)c) * 0xC2B2AE3Du;
            return (int)(h ^ (h >> 16));
        }
    }

    public static readonly string[] QueueIds = ["scheduling", "prescriptions", "billing", "clinical-triage", "senior-line"];

    /// <summary>Mirrors src/Routing.Server/appsettings.json, so timers (ring, wrap-up, overflow, max wait) all come into play.</summary>
    public static RoutingOptions Options() => new()
    {
        ReservedClinicians = 1,
        MaxConsecutiveMisses = 2,
        MissPause = TimeSpan.FromSeconds(10),
        Queues =
        [
            new QueueDefinition
            {
                Id = "scheduling",
                RequiredSkills = [new SkillRequirement("scheduling")],
                MaxWait = TimeSpan.FromMinutes(15),
                ExpectedHandleTime = TimeSpan.FromMinutes(4),
            },
            new QueueDefinition
            {
                Id = "prescriptions",
                RequiredSkills = [new SkillRequirement("refills")],
                Overflow = [new OverflowStep(TimeSpan.FromMinutes(3), MoveToQueueId: "scheduling")],
                ExpectedHandleTime = TimeSpan.FromMinutes(5),
            },
            new QueueDefinition
            {
                Id = "billing",
                RequiredSkills = [new SkillRequirement("billing")],
                MaxWait = TimeSpan.FromMinutes(10),
                WrapUp = TimeSpan.Zero,
                ExpectedHandleTime = TimeSpan.FromMinutes(6),
            },
            new QueueDefinition
            {
                Id = "clinical-triage",
                Clinical = true,
                SlaThreshold = TimeSpan.FromMinutes(1),
                Selection = AgentSelection.MostProficient,
                RequiredSkills = [new SkillRequirement("triage", 3)],
                Overflow = [new OverflowStep(TimeSpan.FromSeconds(30), WidenTo: [new SkillRequirement("triage", 1)])],
                RingTimeout = TimeSpan.FromSeconds(15),
                WrapUp = TimeSpan.FromMinutes(1),
                ExpectedHandleTime = TimeSpan.FromMinutes(8),
            },
            new QueueDefinition
            {
                Id = "senior-line",
                RequiredSkills = [new SkillRequirement("seniors")],
                Overflow = [new OverflowStep(TimeSpan.FromMinutes(1), WidenTo: [new SkillRequirement("scheduling")])],
                SlaThreshold = TimeSpan.FromMinutes(1),
                ExpectedHandleTime = TimeSpan.FromMinutes(5),
            },
        ],
    };
}
