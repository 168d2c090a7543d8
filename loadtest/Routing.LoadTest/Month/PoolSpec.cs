namespace Routing.LoadTest.Month;

/// <summary>A skill a pool's agents log in with.</summary>
internal sealed record SkillSpec(string Name, int Proficiency);

/// <summary>
/// Agents who serve one queue: their skills and role, the queue's service level as configured on the server (for the
/// report; the harness cannot read server configuration), the queue's wrap-up (part of the agents' busy time when
/// staffing), and how many agents work each hour.
/// </summary>
internal sealed record PoolSpec
{
    /// <summary>The queue the pool serves; also the pool's name.</summary>
    public required string Queue { get; init; }

    /// <summary>Clinicians log in with role clinician and must be on the server's roster.</summary>
    public required bool Clinical { get; init; }

    /// <summary>Agent ids are this prefix and a 3-digit number from 001 (the server's simulation roster names clinicians sim-clinician-001…120).</summary>
    public required string AgentIdPrefix { get; init; }

    public required IReadOnlyList<SkillSpec> Skills { get; init; }

    /// <summary>The queue's service-level threshold on the server (report only).</summary>
    public required TimeSpan SlaThreshold { get; init; }

    /// <summary>The queue's service-level target on the server (report only).</summary>
    public required double SlaTarget { get; init; }

    /// <summary>The queue's wrap-up on the server: agents are busy for handle time plus this.</summary>
    public required TimeSpan WrapUp { get; init; }

    public required StaffingSpec Staffing { get; init; }
}
