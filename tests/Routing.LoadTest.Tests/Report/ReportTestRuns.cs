using Routing.LoadTest.Report;
using Routing.V1;

namespace Routing.LoadTest.Tests.Report;

/// <summary>Hand-built runs with figures worked out by hand in the tests.</summary>
internal static class ReportTestRuns
{
    public const string Scheduling = "scheduling";
    public const string Clinical = "clinical-triage";

    public static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// scheduling (T 60 s, target 80%), ROUTINE:
    /// s1 answered 10 s, s2 30 s, s3 60 s (inclusive: within), s4 90 s, s5 abandoned 5 s (short), s6 abandoned 40 s,
    /// s7 unresolved, s8 refused, s9 red flag answered 20 s by a non-clinician (FTCE-A).
    /// clinical-triage (T 120 s, target 95%):
    /// c1 EMERGENCY clinician 45 s; c2 EMERGENCY clinician 90 s (FTCE-B, deadline 60 s); c3 EMERGENT clinician 100 s;
    /// c4 URGENT abandoned 3 s (short, but clinical: not excluded; FTCE-A); c5 SAME_DAY clinician 3000 s;
    /// c6 URGENT clinician 2000 s (FTCE-B, deadline 1800 s); c7 EMERGENT red flag, still waiting at the end (FTCE-A, open).
    /// </summary>
    public static RunObservations Mixed(IReadOnlyList<string>? lost = null, IReadOnlyList<string>? duplicated = null, IReadOnlyList<CallObservation>? extra = null)
    {
        var calls = new List<CallObservation>
        {
            Answered("s1", Scheduling, Urgency.Routine, 0, 10),
            Answered("s2", Scheduling, Urgency.Routine, 60, 30),
            Answered("s3", Scheduling, Urgency.Routine, 120, 60),
            Answered("s4", Scheduling, Urgency.Routine, 180, 90),
            Abandoned("s5", Scheduling, Urgency.Routine, 240, 5),
            Abandoned("s6", Scheduling, Urgency.Routine, 300, 40),
            Waiting("s7", Scheduling, Urgency.Routine, 360),
            Waiting("s8", Scheduling, Urgency.Routine, 370) with { Refused = true },
            Answered("s9", Scheduling, Urgency.Routine, 420, 20) with { RedFlag = true },
            Answered("c1", Clinical, Urgency.Emergency, 600, 45, clinician: true) with { RedFlag = true },
            Answered("c2", Clinical, Urgency.Emergency, 660, 90, clinician: true) with { RedFlag = true },
            Answered("c3", Clinical, Urgency.Emergent, 720, 100, clinician: true),
            Abandoned("c4", Clinical, Urgency.Urgent, 780, 3),
            Answered("c5", Clinical, Urgency.SameDay, 840, 3000, clinician: true),
            Answered("c6", Clinical, Urgency.Urgent, 900, 2000, clinician: true),
            Waiting("c7", Clinical, Urgency.Emergent, 13_800) with { RedFlag = true },
        };
        calls.AddRange(extra ?? []);
        return Run(calls, lost: lost, duplicated: duplicated) with
        {
            RpcLatencies =
            [
                new RpcLatency("OfferCall", 16, 0.4, 0.9, 1.5, 2.5, 3.25),
                new RpcLatency("AgentSession.Accept", 10, 0.2, 0.3, 0.5, 0.75, 1),
            ],
            Errors = new Dictionary<string, long> { ["OfferCall: RESOURCE_EXHAUSTED"] = 1 },
        };
    }

    public static RunObservations Run(
        IReadOnlyList<CallObservation> calls,
        IReadOnlyList<StaffingSlot>? staffing = null,
        TimeSpan? length = null,
        IReadOnlyList<string>? lost = null,
        IReadOnlyList<string>? duplicated = null,
        IReadOnlyDictionary<string, TimeSpan>? thresholds = null,
        DateTimeOffset? start = null) => new()
        {
            Scenario = "hand-built",
            Seed = 7,
            Server = "http://127.0.0.1:50051",
            Start = start ?? Start,
            End = (start ?? Start) + (length ?? TimeSpan.FromHours(4)),
            WallTime = TimeSpan.FromSeconds(12.5),
            Calls = calls,
            Staffing = staffing ?? [],
            RpcLatencies = [],
            QueueThresholds = thresholds ?? new Dictionary<string, TimeSpan>
            {
                [Scheduling] = TimeSpan.FromSeconds(60),
                [Clinical] = TimeSpan.FromSeconds(120),
            },
            QueueTargets = new Dictionary<string, double> { [Scheduling] = 0.8, [Clinical] = 0.95 },
            LostCallIds = lost ?? [],
            DuplicatedCallIds = duplicated ?? [],
            Errors = new Dictionary<string, long>(),
        };

    public static CallObservation Answered(string id, string queue, Urgency urgency, double arrivalSeconds, double waitSeconds, bool clinician = false, double handleSeconds = 180, DateTimeOffset? start = null)
    {
        var arrived = (start ?? Start).AddSeconds(arrivalSeconds);
        var answered = arrived.AddSeconds(waitSeconds);
        return new CallObservation
        {
            CallId = id,
            Kind = clinician ? "symptom" : "scheduling",
            QueueId = queue,
            Urgency = urgency,
            RedFlag = false,
            ArrivedAt = arrived,
            HandleTime = TimeSpan.FromSeconds(handleSeconds),
            AnsweredAt = answered,
            AnsweredByAgentId = clinician ? "clinician-1" : "agent-1",
            AnsweredByClinician = clinician,
            ClinicianContactAt = clinician ? answered : null,
            EndedAt = answered.AddSeconds(handleSeconds),
        };
    }

    public static CallObservation Abandoned(string id, string queue, Urgency urgency, double arrivalSeconds, double waitSeconds, DateTimeOffset? start = null)
    {
        var arrived = (start ?? Start).AddSeconds(arrivalSeconds);
        return new CallObservation
        {
            CallId = id,
            Kind = "caller",
            QueueId = queue,
            Urgency = urgency,
            RedFlag = false,
            ArrivedAt = arrived,
            Patience = TimeSpan.FromSeconds(waitSeconds),
            HandleTime = TimeSpan.FromSeconds(180),
            AbandonedAt = arrived.AddSeconds(waitSeconds),
            EndedAt = arrived.AddSeconds(waitSeconds),
        };
    }

    public static CallObservation Waiting(string id, string queue, Urgency urgency, double arrivalSeconds, DateTimeOffset? start = null) => new()
    {
        CallId = id,
        Kind = "caller",
        QueueId = queue,
        Urgency = urgency,
        RedFlag = false,
        ArrivedAt = (start ?? Start).AddSeconds(arrivalSeconds),
        HandleTime = TimeSpan.FromSeconds(180),
    };
}
