using Routing.Core.Agents;
using Routing.Core.Configuration;

namespace Routing.Core.Statistics;

/// <summary>What the collector needs to know about a configured queue.</summary>
internal sealed class QueueFacts
{
    public QueueFacts(QueueDefinition definition, int index)
    {
        Definition = definition;
        Index = index;
    }

    public QueueDefinition Definition { get; }

    public int Index { get; }

    public string Id => Definition.Id;

    /// <summary>
    /// Mirrors the engine's scope-of-practice and skill rules: clinicians only for clinical queues, and the agent
    /// must meet the queue's own skills or one of its widening overflow steps.
    /// </summary>
    public bool Accepts(AgentRole role, IReadOnlyList<AgentSkill> skills)
    {
        if (Definition.Clinical && role != AgentRole.Clinician)
        {
            return false;
        }

        if (Satisfies(skills, Definition.RequiredSkills))
        {
            return true;
        }

        foreach (var step in Definition.Overflow)
        {
            if (step.WidenTo is { } widened && Satisfies(skills, widened))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Satisfies(IReadOnlyList<AgentSkill> skills, IReadOnlyList<SkillRequirement> requirements)
    {
        foreach (var requirement in requirements)
        {
            var proficiency = 0;
            foreach (var skill in skills)
            {
                if (string.Equals(skill.Name, requirement.Skill, StringComparison.Ordinal))
                {
                    proficiency = skill.Proficiency;
                    break;
                }
            }

            if (proficiency < requirement.MinProficiency)
            {
                return false;
            }
        }

        return true;
    }
}
