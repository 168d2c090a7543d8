using Routing.Core.Urgencies;

namespace Routing.Core.Statistics;

/// <summary>
/// Live figures for one urgency class in one queue: calls now (by their current class and queue) and the counting
/// window's figures (<see cref="Window"/>, by the attribution rules of <see cref="ServiceLevelDatapoint"/>).
/// </summary>
/// <param name="Urgency">The class.</param>
/// <param name="Waiting">Callers on the line not yet connected (queued or ringing), callbacks excluded.</param>
/// <param name="CallbacksWaiting">Held-place callbacks (requested, maximum wait or safety net) not yet connected.</param>
/// <param name="OldestWait">Now minus the earliest first arrival among <see cref="Waiting"/> callers; zero when none.</param>
/// <param name="OldestCallbackWait">Now minus the earliest first arrival among waiting callbacks; zero when none.</param>
/// <param name="InBreach">Live calls whose deadline to clinician has passed without clinician contact.</param>
/// <param name="Window">Counters and service levels over the counting window.</param>
public sealed record UrgencyClassSnapshot(
    Urgency Urgency,
    int Waiting,
    int CallbacksWaiting,
    TimeSpan OldestWait,
    TimeSpan OldestCallbackWait,
    int InBreach,
    ServiceLevelDatapoint Window);
