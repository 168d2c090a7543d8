using Routing.Core.Urgencies;

namespace Routing.Core.Triage;

/// <summary>
/// The outcome of evaluating a rule set against an input: the class, the queue it routes to,
/// which rules fired and under which rule-set version. Recorded with the call so every decision is explainable.
/// </summary>
/// <param name="Urgency">The highest class any signal produced (never <see cref="Urgency.Unspecified"/>).</param>
/// <param name="QueueId">Target queue: the clinical queue for clinical classes, else the reason code's queue.</param>
/// <param name="FiredRuleIds">Ids of every rule whose condition held, in rule-file order.</param>
/// <param name="RuleSetVersion">Version string of the rule set that produced the decision.</param>
/// <param name="HasRedFlag">True when any red-flag rule fired (drives the FTCE-A metric).</param>
public sealed record TriageDecision(
    Urgency Urgency,
    string QueueId,
    IReadOnlyList<string> FiredRuleIds,
    string RuleSetVersion,
    bool HasRedFlag);
