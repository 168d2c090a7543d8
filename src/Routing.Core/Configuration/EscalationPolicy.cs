namespace Routing.Core.Configuration;

/// <summary>Per class: when to warn and when the deadline to clinician is breached, both from first arrival.</summary>
public sealed record EscalationPolicy(TimeSpan Warning, TimeSpan Deadline);
