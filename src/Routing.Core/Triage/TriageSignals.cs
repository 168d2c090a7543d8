namespace Routing.Core.Triage;

/// <summary>
/// One call's input prepared once for all rules: the caller's words normalized into a stack or pooled buffer
/// (hence a ref struct) and the derived facts several rules share, so evaluating a rule allocates nothing.
/// </summary>
internal readonly ref struct TriageSignals
{
    public TriageSignals(TriageInput input, ReadOnlySpan<char> normalizedWords, bool isSenior, bool hasUnlistedRedFlag)
    {
        Input = input;
        NormalizedWords = normalizedWords;
        IsSenior = isSenior;
        HasUnlistedRedFlag = hasUnlistedRedFlag;
    }

    public TriageInput Input { get; }

    /// <summary>The caller's words as produced by <see cref="PhraseNormalizer"/>; empty when there are none.</summary>
    public ReadOnlySpan<char> NormalizedWords { get; }

    /// <summary>Age at or above the rule set's senior age, or enrolled in the senior program.</summary>
    public bool IsSenior { get; }

    /// <summary>The input carries a red-flag code that no rule of the set names.</summary>
    public bool HasUnlistedRedFlag { get; }
}
