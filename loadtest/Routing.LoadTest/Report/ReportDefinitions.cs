using Routing.Core.Statistics;

namespace Routing.LoadTest.Report;

/// <summary>A term the report uses and what it means, written into both the JSON and the summary.</summary>
internal sealed record Definition(string Name, string Meaning);

/// <summary>The definitions behind every figure, the same as the core's (src/Routing.Core/Statistics/README.md).</summary>
internal static class ReportDefinitions
{
    public static IReadOnlyList<Definition> All { get; } =
    [
        new("offered", "calls that entered routing: answered + abandoned + unresolved; offers the server refused are counted apart and in no other figure"),
        new("outcome", "the first of answered (an agent connected) and abandoned (the caller hung up before an answer); neither by the end of the run: unresolved"),
        new("wait", "arrival to answer, or arrival to abandon; W = answered with a wait of at most T, the threshold of the call's queue (inclusive)"),
        new(ServiceLevelDefinitions.AnsweredOnly, "W / answered"),
        new(ServiceLevelDefinitions.Strict, "W / offered: every abandon and unresolved call is a miss"),
        new(ServiceLevelDefinitions.ShortAbandonsExcluded, "W / (offered - short abandons), a short abandon waiting strictly less than the short-abandon threshold; clinical classes never exclude them, so for them it equals strict"),
        new("asa", "total wait of answered calls / answered; asa_all_calls: waits of answered and abandoned calls / those calls"),
        new("wait percentiles", "nearest rank (rank = ceil(p x n)) of answered calls' waits, exact"),
        new("abandon rate", "abandoned / offered"),
        new("clinical class", "SAME_DAY, URGENT, EMERGENT, EMERGENCY (urgency decided by triage at arrival)"),
        new("time to clinician", "first clinician contact minus arrival, clinical-class calls that reached a clinician"),
        new("FTCE-A", "a call with a captured red flag that never reached a clinician by the end of the run (target 0; clinical-triage.md); per 10,000 red-flag calls. Clinical callers without a red flag who hang up show as clinical abandons"),
        new("FTCE-B", "a clinical-class call whose time to clinician was strictly longer than its class deadline; per 10,000 clinical calls"),
        new("lost", "a call the server acknowledged for which no outcome was ever seen (must be 0)"),
        new("duplicated", "a call seen twice where once is the contract, or a call id observed twice (must be 0)"),
        new("erlang comparison", "per staffing interval of a queue's pool: offered load = the interval's arrivals x their mean handle time, the interval's agents, the queue's T; Erlang C, and Erlang A with the queue's mean finite patience; weighted by arrivals. The models predict strict SL and the mean wait over all arrivals, so they are set against strict SL and asa_all_calls over the same calls. Intervals with arrivals but no agents are not modelled and count as SL 0; Erlang C intervals with load at or above the agents count as SL 0 and are left out of ASA"),
        new("throughput", "arrivals and answers per clock hour of the run's clock: the busiest hour; arrivals scaled to a 30-day month"),
        new("queue depth", "callers waiting (arrived, not yet answered or abandoned), time-weighted mean and maximum per slot of the day, every day merged"),
    ];
}
