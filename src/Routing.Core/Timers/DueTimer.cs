namespace Routing.Core.Timers;

/// <summary>
/// A scheduled check. Timers are never cancelled: each carries the stamp of the state it was set for, and a timer
/// whose stamp no longer matches is skipped when due. That keeps scheduling O(log n) and makes timers part of what
/// applying events rebuilds.
/// </summary>
/// <param name="Due">When it fires.</param>
/// <param name="Kind">What to check.</param>
/// <param name="TargetId">A call id or an agent id, by kind.</param>
/// <param name="Stamp">The sequence of the event that set the state this timer belongs to.</param>
/// <param name="Argument">Kind-specific: the overflow step index, the escalation class.</param>
internal readonly record struct DueTimer(DateTimeOffset Due, TimerKind Kind, string TargetId, long Stamp, int Argument);
