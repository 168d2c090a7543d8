using System.Globalization;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Configuration;

/// <summary>
/// Refuses configurations that would break a hard rule later (a clinical call overflowing into an administrative
/// queue, a triage route to a queue that does not exist) so the mistake surfaces at start, not on a patient's call.
/// </summary>
public static class RoutingOptionsValidator
{
    public static IReadOnlyList<string> Validate(RoutingOptions options, TriageRuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var byId = new Dictionary<string, QueueDefinition>(StringComparer.Ordinal);
        if (options.Queues.Count == 0)
        {
            errors.Add("Queues: at least one queue is required.");
        }

        for (var i = 0; i < options.Queues.Count; i++)
        {
            var q = options.Queues[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Queues[{i}]");
            if (string.IsNullOrWhiteSpace(q.Id))
            {
                errors.Add($"{at}.Id: required.");
                continue;
            }

            if (!byId.TryAdd(q.Id, q))
            {
                errors.Add($"{at}.Id: duplicate queue id '{q.Id}'.");
            }

            if (q.SlaTarget is <= 0 or > 1)
            {
                errors.Add($"{at}.SlaTarget: must be in (0, 1], was {q.SlaTarget.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (q.SlaThreshold <= TimeSpan.Zero)
            {
                errors.Add($"{at}.SlaThreshold: must be positive.");
            }

            if (q.RingTimeout <= TimeSpan.Zero)
            {
                errors.Add($"{at}.RingTimeout: must be positive.");
            }

            if (q.WrapUp < TimeSpan.Zero)
            {
                errors.Add($"{at}.WrapUp: must not be negative.");
            }

            if (q.MaxWait is { } maxWait && maxWait <= TimeSpan.Zero)
            {
                errors.Add($"{at}.MaxWait: must be positive.");
            }

            ValidateSkills(errors, $"{at}.RequiredSkills", q.RequiredSkills);
            var previous = TimeSpan.Zero;
            for (var s = 0; s < q.Overflow.Count; s++)
            {
                var step = q.Overflow[s];
                var stepAt = string.Create(CultureInfo.InvariantCulture, $"{at}.Overflow[{s}]");
                if (step.After <= previous && !(s == 0 && step.After > TimeSpan.Zero))
                {
                    errors.Add($"{stepAt}.After: steps must be positive and strictly increasing.");
                }

                previous = step.After;
                if ((step.WidenTo is null) == (step.MoveToQueueId is null))
                {
                    errors.Add($"{stepAt}: set exactly one of WidenTo or MoveToQueueId.");
                }

                if (step.WidenTo is not null)
                {
                    ValidateSkills(errors, $"{stepAt}.WidenTo", step.WidenTo);
                }
            }
        }

        for (var i = 0; i < options.Queues.Count; i++)
        {
            var q = options.Queues[i];
            for (var s = 0; s < q.Overflow.Count; s++)
            {
                if (q.Overflow[s].MoveToQueueId is not { } target)
                {
                    continue;
                }

                var stepAt = string.Create(CultureInfo.InvariantCulture, $"Queues[{i}].Overflow[{s}].MoveToQueueId");
                if (!byId.TryGetValue(target, out var targetQueue))
                {
                    errors.Add($"{stepAt}: unknown queue '{target}'.");
                }
                else if (q.Clinical && !targetQueue.Clinical)
                {
                    errors.Add($"{stepAt}: clinical queue '{q.Id}' may not overflow into administrative queue '{target}'.");
                }
                else if (string.Equals(target, q.Id, StringComparison.Ordinal))
                {
                    errors.Add($"{stepAt}: a queue cannot overflow into itself.");
                }
            }
        }

        if (options.MaxConsecutiveMisses < 1)
        {
            errors.Add("MaxConsecutiveMisses: must be at least 1.");
        }

        if (options.MissPause < TimeSpan.Zero)
        {
            errors.Add("MissPause: must not be negative.");
        }

        if (options.ReservedClinicians < 0)
        {
            errors.Add("ReservedClinicians: must not be negative.");
        }

        if (options.AgingPerPriorityPoint < TimeSpan.Zero)
        {
            errors.Add("AgingPerPriorityPoint: must not be negative.");
        }

        if (options.EndedCallRetention <= TimeSpan.Zero)
        {
            errors.Add("EndedCallRetention: must be positive.");
        }

        if (options.SafetyNetCallbackDeadline <= TimeSpan.Zero)
        {
            errors.Add("SafetyNetCallbackDeadline: must be positive.");
        }

        foreach (var urgency in new[] { Urgency.SameDay, Urgency.Urgent, Urgency.Emergent, Urgency.Emergency })
        {
            if (!options.Escalation.TryGetValue(urgency, out var policy))
            {
                errors.Add($"Escalation[{urgency.ToCode()}]: missing.");
            }
            else if (policy.Warning <= TimeSpan.Zero || policy.Deadline <= policy.Warning)
            {
                errors.Add($"Escalation[{urgency.ToCode()}]: warning must be positive and before the deadline.");
            }
        }

        if (rules is not null)
        {
            if (!byId.TryGetValue(rules.ClinicalQueueId, out var clinical))
            {
                errors.Add($"Triage rule set {rules.Version}: clinical queue '{rules.ClinicalQueueId}' is not configured.");
            }
            else if (!clinical.Clinical)
            {
                errors.Add($"Queues: '{rules.ClinicalQueueId}' is the triage clinical queue and must be marked Clinical.");
            }

            foreach (var queueId in rules.RoutedQueueIds)
            {
                if (!byId.ContainsKey(queueId))
                {
                    errors.Add($"Triage rule set {rules.Version}: routes to queue '{queueId}', which is not configured.");
                }
            }
        }

        return errors;
    }

    private static void ValidateSkills(List<string> errors, string at, IReadOnlyList<SkillRequirement> skills)
    {
        for (var i = 0; i < skills.Count; i++)
        {
            var skill = skills[i];
            if (string.IsNullOrWhiteSpace(skill.Skill))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}[{i}].Skill: required."));
            }

            if (skill.MinProficiency is < 1 or > 5)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}[{i}].MinProficiency: must be 1-5, was {skill.MinProficiency}."));
            }
        }
    }
}
