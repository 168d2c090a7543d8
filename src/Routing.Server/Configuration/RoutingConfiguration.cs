using Routing.Core.Agents;
using Routing.Core.Configuration;
using Routing.Core.Triage;
using Routing.Server.Simulation;

namespace Routing.Server.Configuration;

/// <summary>The validated, domain-shaped configuration the server runs with.</summary>
internal sealed class RoutingConfiguration
{
    private RoutingConfiguration(RoutingOptions options, TriageRuleSet rules, IReadOnlyDictionary<string, RosterEntry> roster, RoutingServerOptions server)
    {
        Options = options;
        Rules = rules;
        Roster = roster;
        Server = server;
    }

    public RoutingOptions Options { get; }

    public TriageRuleSet Rules { get; }

    public IReadOnlyDictionary<string, RosterEntry> Roster { get; }

    public RoutingServerOptions Server { get; }

    /// <summary>Builds the domain configuration, or lists every bad setting by its configuration key.</summary>
    public static RoutingConfiguration Build(RoutingServerOptions server, out List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(server);
        errors = [];
        const string S = RoutingServerOptions.SectionName;
        TriageRuleSet rules;
        try
        {
            rules = string.IsNullOrWhiteSpace(server.RulesFile)
                ? TriageRuleSetLoader.LoadDefault()
                : TriageRuleSetLoader.Parse(File.ReadAllText(server.RulesFile), server.RulesFile);
        }
        catch (Exception ex) when (ex is TriageRuleSetException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"{S}:RulesFile: {ex.Message}");
            rules = TriageRuleSetLoader.LoadDefault();
        }

        var queues = new List<QueueDefinition>();
        for (var i = 0; i < server.Queues.Count; i++)
        {
            var q = server.Queues[i];
            if (!Enum.TryParse<AgentSelection>(q.Selection, ignoreCase: true, out var selection))
            {
                errors.Add($"{S}:Queues:{i}:Selection: '{q.Selection}' is not LongestIdle, MostProficient or FewestCalls.");
            }

            queues.Add(new QueueDefinition
            {
                Id = q.Id,
                Clinical = q.Clinical,
                RequiredSkills = q.RequiredSkills.Select(ToRequirement).ToArray(),
                SlaThreshold = q.SlaThreshold,
                SlaTarget = q.SlaTarget,
                MaxWait = q.MaxWait,
                Overflow = q.Overflow.Select(o => new OverflowStep(o.After, o.WidenTo?.Select(ToRequirement).ToArray(), o.MoveToQueueId)).ToArray(),
                Selection = selection,
                RingTimeout = q.RingTimeout,
                WrapUp = q.WrapUp,
                ExpectedHandleTime = q.ExpectedHandleTime,
            });
        }

        var options = new RoutingOptions
        {
            Queues = queues,
            ReservedClinicians = server.ReservedClinicians,
            MaxConsecutiveMisses = server.MaxConsecutiveMisses,
            MissPause = server.MissPause,
        };

        // The domain validator names settings like "Queues[2].SlaTarget"; say them the way configuration spells them.
        foreach (var error in RoutingOptionsValidator.Validate(options, rules))
        {
            errors.Add($"{S}:{error.Replace("[", ":", StringComparison.Ordinal).Replace("].", ":", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal)}");
        }

        if (server.AgentGracePeriod < TimeSpan.Zero)
        {
            errors.Add($"{S}:AgentGracePeriod: must not be negative.");
        }

        if (!server.Storage.Journal.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) && !server.Storage.Journal.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{S}:Storage:Journal: '{server.Storage.Journal}' is not Sqlite or InMemory.");
        }
        else if (server.Storage.Journal.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(server.Storage.Path))
        {
            errors.Add($"{S}:Storage:Path: required when Storage:Journal is Sqlite.");
        }

        if (server.IntakeCapacity < 1)
        {
            errors.Add($"{S}:IntakeCapacity: must be at least 1.");
        }

        if (server.AnnounceInterval < TimeSpan.Zero)
        {
            errors.Add($"{S}:AnnounceInterval: must not be negative (zero disables announcements).");
        }

        if (server.StatsPublishInterval <= TimeSpan.Zero)
        {
            errors.Add($"{S}:StatsPublishInterval: must be positive.");
        }

        var roster = new Dictionary<string, RosterEntry>(StringComparer.Ordinal);
        for (var i = 0; i < server.Roster.Count; i++)
        {
            var entry = server.Roster[i];
            if (string.IsNullOrWhiteSpace(entry.AgentId))
            {
                errors.Add($"{S}:Roster:{i}:AgentId: required.");
            }
            else if (!roster.TryAdd(entry.AgentId, entry))
            {
                errors.Add($"{S}:Roster:{i}:AgentId: duplicate agent '{entry.AgentId}'.");
            }

            if (!Enum.TryParse<AgentRole>(entry.Role, ignoreCase: true, out var role) || role == AgentRole.Unspecified)
            {
                errors.Add($"{S}:Roster:{i}:Role: '{entry.Role}' is not Clinician or NonClinical.");
            }
        }

        AddSimulation(server.Simulation, roster, errors);

        return new RoutingConfiguration(options, rules, roster, server);
    }

    /// <summary>Checks the simulation settings and, in simulation mode only, puts the simulated clinicians on the roster.</summary>
    private static void AddSimulation(SimulationSettings simulation, Dictionary<string, RosterEntry> roster, List<string> errors)
    {
        const string S = RoutingServerOptions.SectionName + ":Simulation";
        if (simulation.Clinicians is < 0 or > SimulationSettings.MaxClinicians)
        {
            errors.Add($"{S}:Clinicians: must be between 0 and {SimulationSettings.MaxClinicians}.");
            return;
        }

        if (!simulation.Enabled)
        {
            return;
        }

        if (simulation.Start == default)
        {
            errors.Add($"{S}:Start: required in simulation mode (the virtual clock's start, e.g. 2026-01-05T00:00:00Z).");
        }

        foreach (var entry in simulation.ClinicianRoster())
        {
            if (!roster.TryAdd(entry.AgentId, entry))
            {
                errors.Add($"{S}:Clinicians: simulated clinician '{entry.AgentId}' is already on the roster; rename the roster entry.");
            }
        }
    }

    private static SkillRequirement ToRequirement(SkillSettings s) => new(s.Skill, s.MinProficiency);
}
