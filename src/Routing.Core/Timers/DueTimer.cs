using Routing.Core.Agents;
using Routing.Core.Calls;

namespace Routing.Core.Timers;

/// <summary>
/// A scheduled check. Timers are never cancelled: each carries the stamp of the state it was set for, and a timer
/// whose stamp no longer matches is skipped when due. That keeps scheduling O(log n) and makes timers part of what
/// applying events rebuilds.
/// </summary>
/// <remarks>
/// The target is the call or agent object itself, not its id: entries are never replaced in the state, so while the
/// object is held it is exactly what a lookup by id would find when the timer is due; most timers are stale by then
/// (an answered ring, an ended wrap-up), and skipping them costs no dictionary lookup. A call is removed only once
/// ended and past the retention: its timers still see it ended and do nothing, and never mistake a new call that
/// reuses the id for it.
/// </remarks>
/// <param name="Due">When it fires.</param>
/// <param name="Kind">What to check.</param>
/// <param name="Target">A <see cref="Calls.Call"/> or an <see cref="Agents.Agent"/>, by kind.</param>
/// <param name="Stamp">The sequence of the event that set the state this timer belongs to.</param>
/// <param name="Argument">Kind-specific: the overflow step index, the escalation class.</param>
internal readonly record struct DueTimer(DateTimeOffset Due, TimerKind Kind, object Target, long Stamp, int Argument)
{
    public Call Call => (Call)Target;

    public Agent Agent => (Agent)Target;
}
