namespace Routing.Core.Configuration;

/// <summary>An agent qualifies when they hold <see cref="Skill"/> at <see cref="MinProficiency"/> or better (1-5).</summary>
public sealed record SkillRequirement(string Skill, int MinProficiency = 1);
