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
        var wordBuffer = wordsCapacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rentedWords = ArrayPool<char>.Shared.Rent(wordsCapacity));

        int[]? rentedFired = null;
        var fired = _rules.Length <= StackLimit
            ? stackalloc int[StackLimit]
            : (rentedFired = ArrayPool<int>.Shared.Rent(_rules.Length));

        try
        {
            var wordsLength = PhraseNormalizer.Normalize(words, wordBuffer);
            var signals = new TriageSignals(input, wordBuffer[..wordsLength], _routing.IsSenior(input), HasUnlistedRedFlag(input));

            var floor = Urgency.Routine;
            var raise = 0;
            var hasRedFlag = false;
            var firedCount = 0;
            for (var i = 0; i < _rules.Length; i++)
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

            var firedIds = firedCount == 0 ? Array.Empty<string>() : new string[firedCount];
            for (var i = 0; i < firedCount; i++)
            {
                firedIds[i] = _rules[fired[i]].Id;
            }

            return new TriageDecision(urgency, _routing.QueueFor(urgency, input, signals.IsSenior), firedIds, Version, hasRedFlag);
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
