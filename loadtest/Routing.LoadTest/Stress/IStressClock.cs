namespace Routing.LoadTest.Stress;

/// <summary>
/// Time as the open-loop dispatcher sees it: elapsed time since the clock started, and a blocking wait. Real runs
/// use <see cref="StopwatchClock"/>; tests use a fake clock that jumps, so they never sleep.
/// </summary>
internal interface IStressClock
{
    TimeSpan Now { get; }

    /// <summary>Returns at or after <paramref name="at"/> (at once if it has passed). Never returns early.</summary>
    void WaitUntil(TimeSpan at);
}
