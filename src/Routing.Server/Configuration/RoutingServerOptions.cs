using Routing.Server.Simulation;

namespace Routing.Server.Configuration;

/// <summary>
/// The "Routing" configuration section (appsettings.json, environment <c>Routing__...</c>, command line
/// <c>--Routing:...</c>). Defaults here are what the server runs with when a setting is absent.
/// </summary>
public sealed class RoutingServerOptions
{
    public const string SectionName = "Routing";

    /// <summary>Path of a triage rule file; empty: the embedded default rule set.</summary>
    public string RulesFile { get; set; } = string.Empty;

    /// <summary>Clinicians held back for EMERGENCY and EMERGENT calls. Default 0.</summary>
    public int ReservedClinicians { get; set; }

    /// <summary>How long a dropped agent session may reconnect before the agent is logged out. Default 30 s.</summary>
    public TimeSpan AgentGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Commands in flight beyond which ROUTINE offers are refused with RESOURCE_EXHAUSTED (clinical classes are
    /// always accepted). Default 5,000.
    /// </summary>
    public int IntakeCapacity { get; set; } = 5_000;

    /// <summary>What a refused ROUTINE offer is told to wait before retrying. Default 2 s.</summary>
    public TimeSpan IntakeRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often dashboards get a fresh statistics snapshot while anything changes. Default 1 s.</summary>
    public TimeSpan StatsPublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often gateways are told each waiting caller's position and estimated wait. Zero disables. Default 60 s.</summary>
    public TimeSpan AnnounceInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive ring-no-answers before an agent is made not ready. Default 2.</summary>
    public int MaxConsecutiveMisses { get; set; } = 2;

    /// <summary>Pause after a decline or one missed offer. Default 10 s.</summary>
    public TimeSpan MissPause { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where events are journaled.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary>Simulation mode: a virtual clock moved only by SimulationService.AdvanceClock. Off by default.</summary>
    public SimulationSettings Simulation { get; set; } = new();

    public List<QueueSettings> Queues { get; set; } = [];

    /// <summary>Known agents. A clinician must be on the roster as a clinician to log in as one.</summary>
    public List<RosterEntry> Roster { get; set; } = [];
}

public sealed class StorageSettings
{
    /// <summary>Sqlite (default): durable, survives restarts. InMemory: nothing survives the process (tests, demos).</summary>
    public string Journal { get; set; } = "Sqlite";

    /// <summary>The SQLite file, relative to the working directory. Default data/routing.db.</summary>
    public string Path { get; set; } = "data/routing.db";
}

public sealed class QueueSettings
{
    public string Id { get; set; } = string.Empty;

    public bool Clinical { get; set; }

    public List<SkillSettings> RequiredSkills { get; set; } = [];

    public TimeSpan SlaThreshold { get; set; } = TimeSpan.FromSeconds(120);

    public double SlaTarget { get; set; } = 0.95;

    public TimeSpan? MaxWait { get; set; }

    public List<OverflowSettings> Overflow { get; set; } = [];

    /// <summary>LongestIdle (default), MostProficient or FewestCalls.</summary>
    public string Selection { get; set; } = "LongestIdle";

    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan WrapUp { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ExpectedHandleTime { get; set; } = TimeSpan.FromMinutes(4);
}

public sealed class SkillSettings
{
    public string Skill { get; set; } = string.Empty;

    public int MinProficiency { get; set; } = 1;
}

public sealed class OverflowSettings
{
    public TimeSpan After { get; set; }

    public List<SkillSettings>? WidenTo { get; set; }

    public string? MoveToQueueId { get; set; }
}

public sealed class RosterEntry
{
    public string AgentId { get; set; } = string.Empty;

    /// <summary>Clinician or NonClinical.</summary>
    public string Role { get; set; } = string.Empty;

    public List<AgentSkillSettings> Skills { get; set; } = [];
}

public sealed class AgentSkillSettings
{
    public string Name { get; set; } = string.Empty;

    public int Proficiency { get; set; } = 3;
}
