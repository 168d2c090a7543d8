using System.Globalization;
using Routing.Server.Configuration;

namespace Routing.Server.Simulation;

/// <summary>
/// The "Routing:Simulation" section. In simulation mode the server runs on a virtual clock moved only by
/// SimulationService.AdvanceClock, so a harness can replay a month of calls through the public API in minutes.
/// </summary>
public sealed class SimulationSettings
{
    public const string EnabledKey = RoutingServerOptions.SectionName + ":Simulation:Enabled";

    /// <summary>Most simulated clinicians: enough to staff any center, few enough that a typo does not allocate millions.</summary>
    public const int MaxClinicians = 10_000;

    /// <summary>Run on the virtual clock and accept AdvanceClock. Default false: the wall clock.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where the virtual clock starts. Default 2026-01-05T00:00:00Z, a Monday, so a month starts with a whole week.</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Clinicians added to the roster in simulation mode only (sim-clinician-001, ...), so a harness can staff a month:
    /// a clinician must be on the roster to log in as one. Default 120.
    /// </summary>
    public int Clinicians { get; set; } = 120;

    /// <summary>The roster entries of the simulated clinicians.</summary>
    public IEnumerable<RosterEntry> ClinicianRoster()
    {
        for (var i = 1; i <= Clinicians; i++)
        {
            yield return new RosterEntry
            {
                AgentId = ClinicianId(i),
                Role = "Clinician",
                Skills = [new AgentSkillSettings { Name = "triage", Proficiency = 3 }],
            };
        }
    }

    public static string ClinicianId(int number) => string.Create(CultureInfo.InvariantCulture, $"sim-clinician-{number:D3}");
}
