using System.Buffers;
using System.Collections.Frozen;
using Routing.Core.Urgencies;

namespace Routing.Core.Triage;

/// <summary>
/// A loaded, validated, immutable triage rule set. Maps what a gateway sends to an urgency class and a queue;
/// rules only raise urgency, the highest signal wins, and every decision names the rules that fired and this
/// set's version. Thread-safe: <see cref="Evaluate"/> runs on every OfferCall, so it normalizes the caller's
/// words once into a stack or pooled buffer and allocates only the decision and its rule-id array.
/// Build one with <see cref="TriageRuleSetLoader"/>.
/// </summary>
public sealed class TriageRuleSet
{
    // Above this, the fired-rule indices and normalized words go to a pooled array instead of the stack.
    private const int StackLimit = 256;

    private readonly TriageRule[] _rules;
    private readonly TriageRouting _routing;
    private readonly int _maxModifierRaise;
    private readonly FrozenSet<string> _listedRedFlags;

    // The rules that can fire for an input, by whether it has words and red flags (index: words + 2 x flags), in file
    // order. A rule that needs phrases cannot match empty words, nor a red-flag rule an input without flags, so most
    // offers (an IVR reason and no words) test a fraction of the set; skipping them is exact, not a heuristic.
    private readonly int[][] _candidates;

    // Decisions no rule fired for: ROUTINE, no rule ids, no red flag, one per queue a routine call can go to. Records
    // are immutable and the empty id list was already one shared instance, so sharing the decision changes nothing but
    // an allocation per routine offer (and memory, since every call keeps its decision).
    private readonly TriageDecision[] _unfiredDecisions;

    internal TriageRuleSet(string version, string? description, TriageRouting routing, TriageRule[] rules, int maxModifierRaise)
    {
        Version = version;
        Description = description;
        _routing = routing;
        _rules = rules;
        _maxModifierRaise = maxModifierRaise;
        RuleIds = Array.ConvertAll(rules, r => r.Id);
        _listedRedFlags = rules
            .SelectMany(r => r.Condition.RedFlags ?? (IEnumerable<string>)[])
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _candidates = new int[4][];
        for (var mask = 0; mask < _candidates.Length; mask++)
        {
            bool hasWords = (mask & 1) != 0, hasFlags = (mask & 2) != 0;
            _candidates[mask] = Enumerable.Range(0, rules.Length)
                .Where(i => (hasWords || !NeedsWords(rules[i].Condition)) && (hasFlags || !NeedsRedFlags(rules[i].Condition)))
                .ToArray();
        }

        _unfiredDecisions = new[] { routing.DefaultQueueId, routing.SeniorQueueId }
            .Concat(routing.ReasonQueues.Values)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(queue => new TriageDecision(Urgency.Routine, queue, Array.Empty<string>(), version, HasRedFlag: false))
            .ToArray();
    }

    /// <summary>The rule file's version, recorded with every decision.</summary>
    public string Version { get; }

    /// <summary>The rule file's free-text description, if any.</summary>
    public string? Description { get; }

    /// <summary>Queue every clinical class (SAME_DAY and above) is routed to.</summary>
    public string ClinicalQueueId => _routing.ClinicalQueueId;

    /// <summary>Every queue a decision of this set can name, so configuration can check they all exist.</summary>
    public IReadOnlyList<string> RoutedQueueIds => _routing.RoutedQueueIds;

    /// <summary>Rule ids in file order (for audit and for tooling that shows the configuration).</summary>
    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>
    /// Decides the urgency and queue for <paramref name="input"/>. Setting rules put floors under the urgency
    /// (the highest wins; ROUTINE when none fires); modifiers then raise it, but only when it is already
    /// clinical, so an administrative call never reaches clinicians because of, say, the caller's age.
    /// Deterministic: the same input and rule set always give the same decision.
    /// </summary>
    public TriageDecision Evaluate(TriageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var words = (input.CallerWords ?? string.Empty).AsSpan();
        var wordsCapacity = PhraseNormalizer.MaxNormalizedLength(words.Length);
        char[]? rentedWords = null;

        // Sized to the need: a stack buffer is zeroed on entry, and most calls have few words or none.
        var wordBuffer = wordsCapacity <= StackLimit
            ? stackalloc char[wordsCapacity]
            : (rentedWords = ArrayPool<char>.Shared.Rent(wordsCapacity));

        int[]? rentedFired = null;
        var fired = _rules.Length <= StackLimit
            ? stackalloc int[_rules.Length]
            : (rentedFired = ArrayPool<int>.Shared.Rent(_rules.Length));

        try
        {
            var wordsLength = PhraseNormalizer.Normalize(words, wordBuffer);
            var signals = new TriageSignals(input, wordBuffer[..wordsLength], _routing.IsSenior(input), HasUnlistedRedFlag(input));
            var hasFlags = input.RedFlags is { Count: > 0 };
            var candidates = _candidates[(wordsLength > 0 ? 1 : 0) + (hasFlags ? 2 : 0)];

            var floor = Urgency.Routine;
            var raise = 0;
            var hasRedFlag = false;
            var firedCount = 0;
            foreach (var i in candidates)
            {
                var rule = _rules[i];
                if (!rule.Condition.Matches(signals))
                {
                    continue;
                }

                fired[firedCount++] = i;
                hasRedFlag |= rule.IsRedFlag;
                if (rule.Floor is { } ruleFloor)
                {
                    floor = UrgencyExtensions.Max(floor, ruleFloor);
                }
                else
                {
                    raise += rule.RaiseBy;
                }
            }

            // Each distinct modifier adds its amount once; the total is capped by the rule set so that stacked
            // risk factors on an unremarkable call cannot by themselves reach the "never queued" class.
            var urgency = floor.IsClinical() && raise > 0
                ? floor.Raise(Math.Min(raise, _maxModifierRaise))
                : floor;

            var queueId = _routing.QueueFor(urgency, input, signals.IsSenior);
            if (firedCount == 0 && Unfired(queueId) is { } unfired)
            {
                return unfired;
            }

            var firedIds = firedCount == 0 ? Array.Empty<string>() : new string[firedCount];
            for (var i = 0; i < firedCount; i++)
            {
                firedIds[i] = _rules[fired[i]].Id;
            }

            return new TriageDecision(urgency, queueId, firedIds, Version, hasRedFlag);
        }
        finally
        {
            if (rentedWords is not null)
            {
                ArrayPool<char>.Shared.Return(rentedWords);
            }

            if (rentedFired is not null)
            {
                ArrayPool<int>.Shared.Return(rentedFired);
            }
        }
    }

    private static bool NeedsWords(TriageCondition condition) => condition.Phrases is not null || condition.WithPhrases is not null;

    private static bool NeedsRedFlags(TriageCondition condition) => condition.RedFlags is not null || condition.AnyOtherRedFlag;

    /// <summary>The shared decision for a call no rule fired for, routed to <paramref name="queueId"/>.</summary>
    private TriageDecision? Unfired(string queueId)
    {
        foreach (var decision in _unfiredDecisions)
        {
            if (string.Equals(decision.QueueId, queueId, StringComparison.Ordinal))
            {
                return decision;
            }
        }

        return null;
    }

    private bool HasUnlistedRedFlag(TriageInput input)
    {
        var flags = input.RedFlags;
        if (flags is null)
        {
            return false;
        }

        for (var i = 0; i < flags.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(flags[i]) && !_listedRedFlags.Contains(flags[i]))
            {
                return true;
            }
        }

        return false;
    }
}
