namespace Routing.Core.Agents;

/// <summary>Scope of practice. A hard constraint: only clinicians are offered clinical-class calls.</summary>
public enum AgentRole
{
    Unspecified = 0,
    NonClinical = 1,
    Clinician = 2,
}
