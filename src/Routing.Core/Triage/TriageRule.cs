using Routing.Core.Urgencies;

namespace Routing.Core.Triage;

/// <summary>
/// One validated rule. A setting rule (<see cref="Floor"/>) puts a floor under the call's urgency; a modifier
/// (<see cref="RaiseBy"/>) raises an already clinical urgency. Exactly one of the two is set.
/// </summary>
internal sealed class TriageRule
{
    public TriageRule(string id, TriageCondition condition, Urgency? floor, int raiseBy, bool isRedFlag)
    {
        Id = id;
        Condition = condition;
        Floor = floor;
        RaiseBy = raiseBy;
        IsRedFlag = isRedFlag;
    }

    public string Id { get; }

    public TriageCondition Condition { get; }

    /// <summary>The urgency this rule guarantees when it fires; null for a modifier.</summary>
    public Urgency? Floor { get; }

    /// <summary>Classes a modifier adds; 0 for a setting rule.</summary>
    public int RaiseBy { get; }

    /// <summary>Firing sets <see cref="TriageDecision.HasRedFlag"/> (FTCE-A counts such calls).</summary>
    public bool IsRedFlag { get; }
}
