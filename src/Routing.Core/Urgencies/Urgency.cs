namespace Routing.Core.Urgencies;

/// <summary>
/// Engine-level urgency classes, ordered so that a larger value is more urgent.
/// The numeric order is relied on everywhere ("rules only raise": max of signals), so never reorder.
/// </summary>
public enum Urgency
{
    /// <summary>Not set. Never the outcome of triage; refused in commands.</summary>
    Unspecified = 0,

    /// <summary>Scheduling, refills, billing: administrative queues under the queue's SLA.</summary>
    Routine = 1,

    /// <summary>Clinical callback within 2 hours.</summary>
    SameDay = 2,

    /// <summary>Clinical queue or held-place callback; breach at 30 minutes.</summary>
    Urgent = 3,

    /// <summary>Clinical queue ahead of everything; clinician within 2 minutes.</summary>
    Emergent = 4,

    /// <summary>Never waits: emergency advice at once, first free clinician, duty clinician paged; 60 seconds.</summary>
    Emergency = 5,
}
