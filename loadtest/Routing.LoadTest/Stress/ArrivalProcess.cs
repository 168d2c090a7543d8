namespace Routing.LoadTest.Stress;

/// <summary>How intended send times are spaced within a step.</summary>
internal enum ArrivalProcess
{
    /// <summary>Exponential gaps (a Poisson process) with the step's mean rate: how independent callers arrive.</summary>
    Poisson,

    /// <summary>Exactly 1/rate apart: no client-made bursts, so any queueing seen is the server's.</summary>
    Constant,
}
