namespace Routing.LoadTest.Stress;

/// <summary>A step's figures with the verdict of <see cref="SustainCriteria"/> and why.</summary>
internal sealed record JudgedStep(StepResult Result, bool Passed, string Verdict);
