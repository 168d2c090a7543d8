namespace Routing.LoadTest.Stress;

/// <summary>
/// A step's figures with the verdict of <see cref="SustainCriteria"/> and why, and when it started (UTC), to line it
/// up with the server's log.
/// </summary>
internal sealed record JudgedStep(StepResult Result, bool Passed, string Verdict, DateTimeOffset? StartedAt = null);
