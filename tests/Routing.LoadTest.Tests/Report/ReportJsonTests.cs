using System.Text.Json;
using Routing.LoadTest.Report;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class ReportJsonTests
{
    private readonly string _json = ReportJson.Write(ReportDocument.Build(Mixed()));

    [Fact]
    public void Json_round_trips_to_the_same_text()
    {
        var read = ReportJson.Read(_json);

        Assert.Equal(_json, ReportJson.Write(read));
        Assert.Equal(15, read.Totals.Offered);
        Assert.Equal(2, read.Totals.Clinical.FtceA);
    }

    [Fact]
    public void Json_is_snake_case_in_a_fixed_order()
    {
        using var document = JsonDocument.Parse(_json);
        var root = document.RootElement;

        Assert.Equal(
            ["schema", "run", "integrity", "totals", "by_queue", "by_urgency", "by_category", "throughput", "erlang",
             "service_level_by_hour", "queue_depth", "wait_distribution", "rpc_latencies", "errors", "definitions"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ReportDocument.SchemaName, root.GetProperty("schema").GetString());
        Assert.Equal("2025-03-03T08:00:00+00:00", root.GetProperty("run").GetProperty("start").GetString());
        Assert.Equal(14_400, root.GetProperty("run").GetProperty("duration_seconds").GetDouble());
    }

    [Fact]
    public void Json_holds_the_figures_under_their_definition_names()
    {
        using var document = JsonDocument.Parse(_json);
        var scheduling = document.RootElement.GetProperty("by_queue").EnumerateArray().Single(g => g.GetProperty("group").GetString() == Scheduling);

        var levels = scheduling.GetProperty("service_levels").EnumerateArray().ToArray();
        Assert.Equal(["answered-only", "strict", "short-abandons-excluded"], levels.Select(l => l.GetProperty("definition").GetString()));
        Assert.Equal(0.8, levels[0].GetProperty("value").GetDouble());
        Assert.Equal(0.5, levels[1].GetProperty("value").GetDouble());
        Assert.Equal(0.571429, levels[2].GetProperty("value").GetDouble()); // 4/7 rounded to 6 decimals
        Assert.Equal(42, scheduling.GetProperty("asa_seconds").GetDouble());
        Assert.Equal(30, scheduling.GetProperty("answered_wait").GetProperty("p50_seconds").GetDouble());
        Assert.Equal(90, scheduling.GetProperty("answered_wait").GetProperty("p99_seconds").GetDouble());
        Assert.Equal(1, scheduling.GetProperty("clinical").GetProperty("ftce_a").GetInt64());

        var totals = document.RootElement.GetProperty("totals");
        Assert.Equal(JsonValueKind.Null, totals.GetProperty("threshold_seconds").ValueKind);
        Assert.Equal(2, totals.GetProperty("clinical").GetProperty("ftce_b").GetInt64());
        Assert.Equal(5000, totals.GetProperty("clinical").GetProperty("ftce_a_per_10000").GetDouble());

        var integrity = document.RootElement.GetProperty("integrity");
        Assert.Equal(0, integrity.GetProperty("lost_calls").GetInt64());
        Assert.Equal(0, integrity.GetProperty("duplicated_calls").GetInt64());

        var rpc = document.RootElement.GetProperty("rpc_latencies").EnumerateArray().ToArray();
        Assert.Equal(["AgentSession.Accept", "OfferCall"], rpc.Select(r => r.GetProperty("rpc").GetString()));
        Assert.Equal(2.5, rpc[1].GetProperty("p999_ms").GetDouble());
        Assert.Equal("OfferCall: RESOURCE_EXHAUSTED", document.RootElement.GetProperty("errors")[0].GetProperty("error").GetString());
    }

    [Fact]
    public void Lost_calls_are_listed_in_the_json()
    {
        using var document = JsonDocument.Parse(ReportJson.Write(ReportDocument.Build(Mixed(lost: ["x-1"]))));
        var integrity = document.RootElement.GetProperty("integrity");

        Assert.False(integrity.GetProperty("ok").GetBoolean());
        Assert.Equal(1, integrity.GetProperty("lost_calls").GetInt64());
        Assert.Equal("x-1", integrity.GetProperty("lost_call_ids")[0].GetString());
    }
}
