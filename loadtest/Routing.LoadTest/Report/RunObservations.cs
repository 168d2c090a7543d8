using Routing.V1;

namespace Routing.LoadTest.Report;

/// <summary>
/// Everything a harness run saw through the public gRPC API, in virtual time for a month and wall time for stress.
/// The month driver fills it; the report (JSON, summary, charts) reads only this, so the two can change apart.
/// </summary>
internal sealed record RunObservations
{
    /// <summary>Scenario name, e.g. "standard-month".</summary>
    public required string Scenario { get; init; }

    /// <summary>Random seed that generated the calls; the same seed replays the same month.</summary>
    public required int Seed { get; init; }

    /// <summary>gRPC address of the server driven.</summary>
    public required string Server { get; init; }

    /// <summary>First instant of the run (virtual time for a month).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Last instant of the run.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Wall-clock time the run took.</summary>
    public required TimeSpan WallTime { get; init; }

    /// <summary>Every call the harness offered, in arrival order.</summary>
    public required IReadOnlyList<CallObservation> Calls { get; init; }

    /// <summary>Agents logged in per pool per staffing interval (the roster the harness ran).</summary>
    public required IReadOnlyList<StaffingSlot> Staffing { get; init; }

    /// <summary>Client-side latency of each RPC kind (unary call or stream command round trip).</summary>
    public required IReadOnlyList<RpcLatency> RpcLatencies { get; init; }

    /// <summary>Service-level threshold per queue id (answered within it counts as in service level).</summary>
    public required IReadOnlyDictionary<string, TimeSpan> QueueThresholds { get; init; }

    /// <summary>
    /// Service-level target per queue id (e.g. 0.95), drawn as the target line in the report; optional. A queue it
    /// does not list gets the core's default target (0.95).
    /// </summary>
    public IReadOnlyDictionary<string, double> QueueTargets { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>
    /// Calls offered and acknowledged by the server for which no outcome (answered, abandoned, ended) was ever seen
    /// by the end of the run. Must be empty.
    /// </summary>
    public required IReadOnlyList<string> LostCallIds { get; init; }

    /// <summary>Calls seen twice where once is the contract (two connects, two arrivals, an unknown call id). Must be empty.</summary>
    public required IReadOnlyList<string> DuplicatedCallIds { get; init; }

    /// <summary>RPC failures and protocol surprises, with counts; message text never holds patient data.</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }
}

/// <summary>One call as the harness saw it.</summary>
internal sealed record CallObservation
{
    public required string CallId { get; init; }

    /// <summary>The scenario's call kind, e.g. "scheduling", "refill", "billing", "symptom", "red-flag-emergent".</summary>
    public required string Kind { get; init; }

    /// <summary>Queue the call joined (OfferCallResponse.queue_id).</summary>
    public required string QueueId { get; init; }

    /// <summary>Urgency decided by triage at arrival (OfferCallResponse.urgency).</summary>
    public required Urgency Urgency { get; init; }

    /// <summary>True when triage fired a red-flag rule or the scenario marked the call as a red flag.</summary>
    public required bool RedFlag { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    /// <summary>How long this caller would wait before hanging up (scenario draw); null: waits forever.</summary>
    public TimeSpan? Patience { get; init; }

    /// <summary>Talk time drawn by the scenario.</summary>
    public required TimeSpan HandleTime { get; init; }

    /// <summary>When an agent was connected (the agent's accept took effect); null if never.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    public string? AnsweredByAgentId { get; init; }

    /// <summary>True when the agent who answered is a clinician.</summary>
    public bool AnsweredByClinician { get; init; }

    /// <summary>When a clinician first spoke with the caller (answer or transfer to a clinician); null if never.</summary>
    public DateTimeOffset? ClinicianContactAt { get; init; }

    /// <summary>When the caller hung up before being answered; null if they did not.</summary>
    public DateTimeOffset? AbandonedAt { get; init; }

    /// <summary>When the call was over (completed by the agent, or abandoned); null if still open at the end.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The server refused the offer (e.g. RESOURCE_EXHAUSTED); the call never entered routing.</summary>
    public bool Refused { get; init; }
}

/// <summary>Agents of one pool logged in during one staffing interval.</summary>
/// <param name="Pool">Queue id the pool mainly serves, e.g. "scheduling" or "clinical-triage".</param>
/// <param name="Clinical">True for clinicians.</param>
internal sealed record StaffingSlot(DateTimeOffset Start, TimeSpan Length, string Pool, bool Clinical, int Agents);

/// <summary>Latency percentiles of one RPC kind, in milliseconds, from HdrHistogram.</summary>
/// <param name="Rpc">e.g. "OfferCall", "AgentSession.Accept", "AdvanceClock".</param>
internal sealed record RpcLatency(string Rpc, long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);
