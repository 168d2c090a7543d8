namespace Routing.Core.Triage;

/// <summary>Where in a rule file the reader is, so every refusal names the file and, inside a rule, its id.</summary>
internal readonly record struct RuleFileContext(string SourceName, string? RuleId)
{
    public RuleFileContext ForRule(string? ruleId) => this with { RuleId = ruleId };

    public TriageRuleSetException Error(string reason) => new(SourceName, RuleId, reason);
}
