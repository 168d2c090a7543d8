using Routing.Core.Statistics;

namespace Routing.LoadTest.Report;

/// <summary>One service-level figure under one named definition (<see cref="ServiceLevelDefinitions"/>).</summary>
/// <param name="Value">Numerator / denominator; null when the denominator is 0.</param>
internal sealed record ServiceLevelFigure(string Definition, long Numerator, long Denominator, double? Value);

/// <summary>The three definitions side by side, from the counts of a set of calls.</summary>
internal static class ServiceLevelFigures
{
    /// <summary>
    /// answered-only: W / answered; strict: W / offered; short-abandons-excluded: W / (offered − short abandons of
    /// non-clinical classes). W = answered within the threshold of the call's queue.
    /// </summary>
    public static IReadOnlyList<ServiceLevelFigure> Of(IReadOnlyCollection<ClassifiedCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        long offered = 0, answered = 0, within = 0, excluded = 0;
        foreach (var call in calls)
        {
            if (!call.IsOffered)
            {
                continue;
            }

            offered++;
            answered += call.Outcome == CallOutcome.Answered ? 1 : 0;
            within += call.AnsweredWithinThreshold ? 1 : 0;
            excluded += call.ExcludedShortAbandon ? 1 : 0;
        }

        return
        [
            Figure(ServiceLevelDefinitions.AnsweredOnly, within, answered),
            Figure(ServiceLevelDefinitions.Strict, within, offered),
            Figure(ServiceLevelDefinitions.ShortAbandonsExcluded, within, offered - excluded),
        ];
    }

    /// <summary>The figure of <paramref name="definition"/> in <paramref name="figures"/>.</summary>
    public static ServiceLevelFigure Get(IReadOnlyList<ServiceLevelFigure> figures, string definition)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return figures.First(f => string.Equals(f.Definition, definition, StringComparison.Ordinal));
    }

    private static ServiceLevelFigure Figure(string definition, long numerator, long denominator) =>
        new(definition, numerator, denominator, denominator == 0 ? null : (double)numerator / denominator);
}
