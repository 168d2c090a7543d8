using System.Globalization;

namespace Routing.LoadTest.Stress;

/// <summary>
/// When a step counts as sustained: p99 of successful OfferCall latency at most <see cref="P99LimitMs"/>, failures
/// (every non-OK outcome, RESOURCE_EXHAUSTED included: a refused call was not carried) at most
/// <see cref="MaxErrorFraction"/> of the offered calls, and at least one successful reply.
/// </summary>
internal sealed record SustainCriteria(double P99LimitMs, double MaxErrorFraction)
{
    public (bool Passed, string Reason) Judge(StepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Completed == 0)
        {
            return (false, "no successful replies");
        }

        if (step.ErrorFraction > MaxErrorFraction)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"errors {step.ErrorFraction:0.##%} > {MaxErrorFraction:0.##%}"));
        }

        if (step.Latency.P99 > P99LimitMs)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"p99 {step.Latency.P99:0.##} ms > {P99LimitMs:0.##} ms{Few(step)}"));
        }

        return (true, string.Create(CultureInfo.InvariantCulture, $"p99 {step.Latency.P99:0.##} ms <= {P99LimitMs:0.##} ms, errors {step.ErrorFraction:0.##%}{Few(step)}"));
    }

    /// <summary>Below 100 calls the 99th percentile is the slowest call or next to it: worth saying.</summary>
    private static string Few(StepResult step) =>
        step.Completed < 100 ? string.Create(CultureInfo.InvariantCulture, $" (only {step.Completed} calls: p99 is about the max)") : string.Empty;
}
