namespace Routing.LoadTest.Report;

/// <summary>
/// Calls lost or duplicated (both must be 0), plus calls the run left without an outcome and offers the server
/// refused. Duplicates are the harness's list plus call ids that appear more than once in the observations.
/// </summary>
/// <param name="LostCallIds">At most <see cref="MaxIds"/> ids, ordinal order.</param>
/// <param name="DuplicatedCallIds">At most <see cref="MaxIds"/> ids, ordinal order.</param>
internal sealed record IntegrityFigures(
    bool Ok,
    long LostCalls,
    long DuplicatedCalls,
    IReadOnlyList<string> LostCallIds,
    IReadOnlyList<string> DuplicatedCallIds,
    long UnresolvedCalls,
    long RefusedCalls)
{
    public const int MaxIds = 1000;

    public static IntegrityFigures Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = context.Run;
        var lost = run.LostCallIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var repeated = run.Calls.GroupBy(c => c.CallId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        var duplicated = run.DuplicatedCallIds.Concat(repeated).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new IntegrityFigures(
            lost.Length == 0 && duplicated.Length == 0,
            lost.Length,
            duplicated.Length,
            lost.Take(MaxIds).ToArray(),
            duplicated.Take(MaxIds).ToArray(),
            context.Calls.Count(c => c.Outcome == CallOutcome.Unresolved),
            context.Calls.Count(c => c.Outcome == CallOutcome.Refused));
    }
}
