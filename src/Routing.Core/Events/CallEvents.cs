using Routing.Core.Calls;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Events;

/// <summary>
/// A call arrived and was triaged. Carries the inputs, the decision, the rules fired and their version, and the
/// gateway that owns the call (so instructions still reach it after a restart).
/// </summary>
public sealed record CallArrived(DateTimeOffset At, string CallId, TriageInput Input, TriageDecision Decision, int Priority, string? GatewayId = null)
    : CallEvent(At, CallId);

/// <summary>Why a call entered a queue.</summary>
public enum QueueEntryReason
{
    Arrival = 1,
    Overflow = 2,
    UrgencyChange = 3,
}

/// <summary>The call entered a queue, leaving the one it waited in, if any. Its arrival time and order are kept.</summary>
public sealed record CallQueued(DateTimeOffset At, string CallId, string QueueId, QueueEntryReason Reason)
    : CallEvent(At, CallId);

/// <summary>An overflow step widened the agents who may take the call, in the same queue.</summary>
public sealed record CallOverflowed(DateTimeOffset At, string CallId, string QueueId, int Level)
    : CallEvent(At, CallId);

/// <summary>
/// New input was triaged again. <see cref="To"/> is never below <see cref="From"/>: rules only raise.
/// Recorded even when nothing changes, so the audit shows every input the call received.
/// </summary>
public sealed record CallRetriaged(DateTimeOffset At, string CallId, TriageInput Input, TriageDecision Decision, Urgency From, Urgency To)
    : CallEvent(At, CallId);

/// <summary>An agent changed the urgency. Lowering is only ever done by a clinician, with a reason.</summary>
public sealed record CallUrgencyChanged(DateTimeOffset At, string CallId, Urgency From, Urgency To, string AgentId, string Reason)
    : CallEvent(At, CallId);

public sealed record CallOffered(DateTimeOffset At, string CallId, string AgentId, string QueueId, TimeSpan RingTimeout)
    : CallEvent(At, CallId);

/// <summary>The agent declined: the call returns to its original place, the agent pauses.</summary>
public sealed record OfferDeclined(DateTimeOffset At, string CallId, string AgentId, string Reason, DateTimeOffset? ResumeAt)
    : CallEvent(At, CallId);

/// <summary>Ring-no-answer: the call returns to its original place; the agent pauses or, after N misses, is not ready.</summary>
public sealed record OfferTimedOut(DateTimeOffset At, string CallId, string AgentId, int ConsecutiveMisses, DateTimeOffset? ResumeAt)
    : CallEvent(At, CallId);

/// <summary>Why an offer was withdrawn before the agent answered.</summary>
public enum OfferCancelReason
{
    CallerHungUp = 1,
    UrgencyChanged = 2,
    AgentLoggedOut = 3,
}

/// <summary>The offer was withdrawn: the call returns to its original place and the agent is free again.</summary>
public sealed record OfferCancelled(DateTimeOffset At, string CallId, string AgentId, OfferCancelReason Reason)
    : CallEvent(At, CallId);

/// <summary>The agent answered. <see cref="ClinicianContact"/> is the moment that stops the clinical deadline.</summary>
public sealed record CallAccepted(DateTimeOffset At, string CallId, string AgentId, bool ClinicianContact)
    : CallEvent(At, CallId);

/// <summary>
/// The call left its agent for another queue; the agent goes to wrap-up, the call keeps its arrival time.
/// <see cref="AgentId"/> is the agent who had the call; <see cref="By"/> says whether they sent it. Events journaled
/// before <see cref="By"/> existed read as <see cref="TransferredBy.Agent"/>.
/// </summary>
public sealed record CallTransferred(DateTimeOffset At, string CallId, string AgentId, string FromQueueId, string ToQueueId, TimeSpan WrapUp, TransferredBy By = TransferredBy.Agent)
    : CallEvent(At, CallId);

/// <summary>Who moved a connected call to another queue.</summary>
public enum TransferredBy
{
    /// <summary>The agent transferred it.</summary>
    Agent = 1,

    /// <summary>
    /// The engine: the caller hung up on a front-line agent before anyone clinical had heard a clinical problem, and
    /// the call went to the clinical queue as a mandatory callback. The agent did nothing; the audit must not say so.
    /// </summary>
    SafetyNet = 2,
}

/// <summary>Who ended a connected call.</summary>
public enum CompletedBy
{
    Agent = 1,
    Gateway = 2,
}

public sealed record CallCompleted(DateTimeOffset At, string CallId, string AgentId, CompletedBy By, TimeSpan WrapUp)
    : CallEvent(At, CallId);

/// <summary>
/// The caller hung up before being answered. When <see cref="BecomesSafetyNetCallback"/> is true the call stays
/// in its place as a mandatory callback; otherwise it ends.
/// </summary>
public sealed record CallAbandoned(DateTimeOffset At, string CallId, string QueueId, bool BecomesSafetyNetCallback)
    : CallEvent(At, CallId);

/// <summary>The caller asked to be called back and hung up; the call keeps its place.</summary>
public sealed record CallbackRequested(DateTimeOffset At, string CallId) : CallEvent(At, CallId);

/// <summary>The queue's maximum wait passed; the call becomes a held-place callback.</summary>
public sealed record CallMaxWaitReached(DateTimeOffset At, string CallId, string QueueId) : CallEvent(At, CallId);

/// <summary>A mandatory callback created by the safety net, with its own deadline.</summary>
public sealed record SafetyNetCallbackCreated(DateTimeOffset At, string CallId, DateTimeOffset DueBy) : CallEvent(At, CallId);

/// <summary>The safety-net callback's deadline passed without clinician contact.</summary>
public sealed record SafetyNetCallbackOverdue(DateTimeOffset At, string CallId, DateTimeOffset DueBy) : CallEvent(At, CallId);

public sealed record EscalationWarning(DateTimeOffset At, string CallId, Urgency Urgency, DateTimeOffset Deadline) : CallEvent(At, CallId);

/// <summary>The class deadline to clinician passed without clinician contact.</summary>
public sealed record EscalationBreached(DateTimeOffset At, string CallId, Urgency Urgency, DateTimeOffset Deadline) : CallEvent(At, CallId);

/// <summary>Who gets paged.</summary>
public enum PageTarget
{
    DutyClinician = 1,
    Supervisor = 2,
}

public sealed record PageIssued(DateTimeOffset At, string CallId, PageTarget Target, string Reason) : CallEvent(At, CallId);

/// <summary>The gateway must play emergency advice to the caller now.</summary>
public sealed record EmergencyAdviceInstructed(DateTimeOffset At, string CallId) : CallEvent(At, CallId);
