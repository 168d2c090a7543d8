namespace Routing.Core.Configuration;

/// <summary>A queue as configured by an operator. Defaults follow common practice and the issue text.</summary>
public sealed record QueueDefinition
{
    public required string Id { get; init; }

    /// <summary>Clinical queues accept clinical-class calls and are served by clinicians only.</summary>
    public bool Clinical { get; init; }

    /// <summary>Skills an agent needs to be offered calls from this queue before any overflow step widens them.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>Service-level threshold T. Default 120 s (95% within 2 minutes).</summary>
    public TimeSpan SlaThreshold { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Service-level target as a fraction. Default 0.95.</summary>
    public double SlaTarget { get; init; } = 0.95;

    /// <summary>After this wait a non-clinical call becomes a held-place callback. Null: no limit.</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary>Overflow steps in increasing order of <see cref="OverflowStep.After"/>.</summary>
    public IReadOnlyList<OverflowStep> Overflow { get; init; } = [];

    public AgentSelection Selection { get; init; } = AgentSelection.LongestIdle;

    /// <summary>How long an offer rings before it counts as a miss. Default 20 s.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Wrap-up time after a call from this queue; the agent may end it early. Default 30 s.</summary>
    public TimeSpan WrapUp { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed for the estimated-wait figure until real handle times are observed. Default 4 minutes.</summary>
    public TimeSpan ExpectedHandleTime { get; init; } = TimeSpan.FromMinutes(4);
}
