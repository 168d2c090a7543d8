namespace Routing.Core.Timers;

internal enum TimerKind
{
    RingNoAnswer = 1,
    Overflow = 2,
    MaxWait = 3,
    EscalationWarning = 4,
    EscalationBreach = 5,
    WrapUpEnd = 6,
    PauseEnd = 7,
    SafetyNetDue = 8,
}
