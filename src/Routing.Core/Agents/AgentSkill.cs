namespace Routing.Core.Agents;

/// <summary>A skill the agent holds, with proficiency 1 (novice) to 5 (expert).</summary>
public sealed record AgentSkill(string Name, int Proficiency);
