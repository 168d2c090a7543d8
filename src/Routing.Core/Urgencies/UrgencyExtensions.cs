namespace Routing.Core.Urgencies;

public static class UrgencyExtensions
{
    /// <summary>Clinical classes are the ones only clinicians may handle and that carry a deadline to clinician.</summary>
    public static bool IsClinical(this Urgency urgency) => urgency >= Urgency.SameDay;

    /// <summary>Classes whose abandonment creates a mandatory safety-net callback.</summary>
    public static bool RequiresSafetyNet(this Urgency urgency) => urgency >= Urgency.Urgent;

    public static Urgency Max(Urgency a, Urgency b) => a >= b ? a : b;

    /// <summary>Raises by <paramref name="steps"/> classes, capped at <see cref="Urgency.Emergency"/>.</summary>
    public static Urgency Raise(this Urgency urgency, int steps)
    {
        var raised = (int)urgency + steps;
        return raised >= (int)Urgency.Emergency ? Urgency.Emergency : (Urgency)raised;
    }

    public static bool TryParse(string? text, out Urgency urgency)
    {
        urgency = Urgency.Unspecified;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse(normalized, ignoreCase: true, out urgency) && urgency != Urgency.Unspecified && Enum.IsDefined(urgency);
    }

    /// <summary>Upper snake case, as used in rule files and in the contract.</summary>
    public static string ToCode(this Urgency urgency) => urgency switch
    {
        Urgency.Routine => "ROUTINE",
        Urgency.SameDay => "SAME_DAY",
        Urgency.Urgent => "URGENT",
        Urgency.Emergent => "EMERGENT",
        Urgency.Emergency => "EMERGENCY",
        _ => "UNSPECIFIED",
    };
}
