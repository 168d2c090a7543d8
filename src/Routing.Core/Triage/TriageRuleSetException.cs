namespace Routing.Core.Triage;

/// <summary>
/// A rule file was refused when loaded. Names the file, the rule (when the fault is inside one) and the reason,
/// so whoever edited the file can fix it without reading code; a rule set is never half-loaded.
/// </summary>
public sealed class TriageRuleSetException : Exception
{
    public TriageRuleSetException(string sourceName, string? ruleId, string reason)
        : this(sourceName, ruleId, reason, innerException: null)
    {
    }

    public TriageRuleSetException(string sourceName, string? ruleId, string reason, Exception? innerException)
        : base(FormatMessage(sourceName, ruleId, reason), innerException)
    {
        SourceName = sourceName;
        RuleId = ruleId;
        Reason = reason;
    }

    /// <summary>The file (or resource) name the caller gave when loading.</summary>
    public string SourceName { get; }

    /// <summary>The id of the offending rule, or null when the fault is outside any rule (syntax, version, routing).</summary>
    public string? RuleId { get; }

    /// <summary>What is wrong, in words meant for the person editing the file.</summary>
    public string Reason { get; }

    private static string FormatMessage(string sourceName, string? ruleId, string reason) =>
        ruleId is null ? $"{sourceName}: {reason}" : $"{sourceName}: rule '{ruleId}' : {reason}";
}
