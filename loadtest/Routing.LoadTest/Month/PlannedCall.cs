namespace Routing.LoadTest.Month;

/// <summary>
/// One generated call: when it arrives (milliseconds after the month's start), what it is, how long the conversation
/// lasts once answered, and how long the caller waits before hanging up (−1: never). A value type in one array, so a
/// month of calls is one allocation.
/// </summary>
internal readonly record struct PlannedCall(
    long ArrivalMs,
    int Kind,
    bool Senior,
    int Age,
    bool SeniorProgram,
    int RedFlagIndex,
    int WordsIndex,
    long HandleMs,
    long PatienceMs);
