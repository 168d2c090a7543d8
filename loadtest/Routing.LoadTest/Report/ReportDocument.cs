using Routing.Core.Urgencies;

namespace Routing.LoadTest.Report;

/// <summary>
/// Everything the report computed from a run: what report.json holds (snake_case, fixed order, durations in
/// seconds) and what the summary and charts are drawn from.
/// </summary>
internal sealed record ReportDocument(
    string Schema,
    RunFacts Run,
    IntegrityFigures Integrity,
    GroupFigures Totals,
    IReadOnlyList<GroupFigures> ByQueue,
    IReadOnlyList<GroupFigures> ByUrgency,
    IReadOnlyList<GroupFigures> ByCategory,
    IReadOnlyList<ThroughputFigures> Throughput,
    IReadOnlyList<ErlangComparison> Erlang,
    IReadOnlyList<HourlyServiceLevel> ServiceLevelByHour,
    IReadOnlyList<QueueDepthProfile> QueueDepth,
    WaitHistogram WaitDistribution,
    IReadOnlyList<RpcLatency> RpcLatencies,
    IReadOnlyList<ErrorCount> Errors,
    IReadOnlyList<Definition> Definitions)
{
    public const string SchemaName = "routing-loadtest-report/1";

    public const string Total = "total";

    public static ReportDocument Build(RunObservations run, ReportSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var context = new ReportContext(run, settings ?? ReportSettings.Default);
        var calls = context.Calls;
        var offered = calls.Where(c => c.IsOffered).ToArray();
        var byQueue = offered.ToLookup(c => c.Call.QueueId, StringComparer.Ordinal);
        var queues = context.QueueIds();
        return new ReportDocument(
            SchemaName,
            RunFacts.Of(context),
            IntegrityFigures.Of(context),
            GroupFigures.Of(Total, calls, context),
            queues.Select(q => GroupFigures.Of(q, byQueue[q].ToArray(), context)).ToArray(),
            offered.GroupBy(c => c.CoreUrgency)
                .OrderByDescending(g => g.Key)
                .Select(g => GroupFigures.Of(g.Key.ToCode(), g.ToArray(), context))
                .ToArray(),
            [
                GroupFigures.Of(WaitHistogram.Clinical, offered.Where(c => c.IsClinical).ToArray(), context),
                GroupFigures.Of(WaitHistogram.Administrative, offered.Where(c => !c.IsClinical).ToArray(), context),
            ],
            [ThroughputFigures.Of(Total, calls, context), .. queues.Select(q => ThroughputFigures.Of(q, byQueue[q].ToArray(), context))],
            ErlangComparison.Of(context),
            HourlyServiceLevel.Of(context),
            QueueDepthProfile.Of(context),
            WaitHistogram.Of(context),
            run.RpcLatencies.OrderBy(r => r.Rpc, StringComparer.Ordinal).ToArray(),
            run.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new ErrorCount(e.Key, e.Value)).ToArray(),
            ReportDefinitions.All);
    }
}

/// <summary>How often one kind of RPC failure or protocol surprise happened.</summary>
internal sealed record ErrorCount(string Error, long Count);
