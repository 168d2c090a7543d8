using System.Buffers;
using System.Collections.Frozen;

namespace Routing.Core.Triage;

/// <summary>
/// A rule's <c>when</c>: a conjunction of the conditions that were given (absent ones are null or false and
/// always hold). Only <see cref="ScreenCompleted"/> may test for the absence of something; every other
/// condition tests for a signal being present, which is what keeps "adding a signal never lowers urgency" true.
/// </summary>
internal sealed class TriageCondition
{
    /// <summary>Any of these codes is among the input's red flags (case-insensitive).</summary>
    public FrozenSet<string>? RedFlags { get; init; }

    /// <summary>The input carries a red-flag code no rule of the set names (an unknown or misspelt code).</summary>
    public bool AnyOtherRedFlag { get; init; }

    /// <summary>
    /// Any of these normalized, space-padded phrases occurs in the normalized words. A multi-string
    /// <see cref="SearchValues{T}"/> (Aho-Corasick / vectorized) scans the words once per rule instead of once per phrase.
    /// </summary>
    public SearchValues<string>? Phrases { get; init; }

    /// <summary>
    /// Any of these phrases occurs too: a second group that must match alongside <see cref="Phrases"/>, for
    /// signs that only count together ("blood in stool" with "dizzy").
    /// </summary>
    public SearchValues<string>? WithPhrases { get; init; }

    /// <summary>The reason code is one of these (case-insensitive).</summary>
    public FrozenSet<string>? ReasonCodes { get; init; }

    /// <summary>The caller's age is known and at least this.</summary>
    public int? MinAge { get; init; }

    /// <summary>The caller is senior by the rule set's definition (age or program).</summary>
    public bool Senior { get; init; }

    public bool SeniorProgram { get; init; }

    public bool RepeatCallWithin72Hours { get; init; }

    /// <summary>The screen state must equal this when given (false is how "symptom call without a screen" is said).</summary>
    public bool? ScreenCompleted { get; init; }

    public bool Matches(in TriageSignals signals)
    {
        var input = signals.Input;
        return (RedFlags is null || ContainsAny(input.RedFlags, RedFlags))
            && (!AnyOtherRedFlag || signals.HasUnlistedRedFlag)
            && (Phrases is null || ContainsAny(signals.NormalizedWords, Phrases))
            && (WithPhrases is null || ContainsAny(signals.NormalizedWords, WithPhrases))
            && (ReasonCodes is null || (input.ReasonCode is { } reason && ReasonCodes.Contains(reason)))
            && (MinAge is not { } minAge || input.CallerAge >= minAge)
            && (!Senior || signals.IsSenior)
            && (!SeniorProgram || input.SeniorProgram)
            && (!RepeatCallWithin72Hours || input.RepeatCallWithin72Hours)
            && (ScreenCompleted is not { } screen || input.ScreenCompleted == screen);
    }

    // Indexed loops: enumerating an IReadOnlyList through the interface would allocate an enumerator per rule.
    private static bool ContainsAny(IReadOnlyList<string>? codes, FrozenSet<string> wanted)
    {
        if (codes is null)
        {
            return false;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is { } code && wanted.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(ReadOnlySpan<char> words, SearchValues<string> phrases) =>
        !words.IsEmpty && words.IndexOfAny(phrases) >= 0;
}
