namespace Routing.LoadTest.Stress;

/// <summary>One second of a step's measured window: successes, failures and the slowest success (ms) of the calls due in it.</summary>
internal sealed record SecondFigures(long Completed, long Errors, double MaxMs);
