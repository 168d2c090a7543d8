using System.Text.Json.Nodes;
using Routing.LoadTest.Month;

namespace Routing.LoadTest.Tests.Month;

public sealed class ScenarioTests
{
    [Theory]
    [InlineData("standard", "standard-month", 30, 200_000)]
    [InlineData("understaffed-clinicians", "understaffed-clinicians", 30, 200_000)]
    [InlineData("small", "small-month", 2, 2_500)]
    public void Built_in_scenarios_load(string name, string expectedName, int days, int calls)
    {
        var scenario = ScenarioReader.Load(name);

        Assert.Equal(expectedName, scenario.Name);
        Assert.Equal(days, scenario.Days);
        Assert.Equal(calls, scenario.TotalCalls);
        Assert.Null(scenario.Start);
        Assert.Equal(5, scenario.Pools.Count);
        Assert.Equal([16, 13, 11, 10, 8, 10, 9, 9, 8, 6], scenario.HourlyShares);
    }

    [Fact]
    public void A_scenario_file_on_disk_loads_like_a_built_in_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ScenarioReader.ReadResource("small-month.json"));
        try
        {
            Assert.Equal(ScenarioReader.Load("small").TotalCalls, ScenarioReader.Load(path).TotalCalls);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("days", "0", "days")]
    [InlineData("totalCalls", "-5", "totalCalls")]
    [InlineData("openHour", "20", "hourlyShares")]
    [InlineData("gateways", "\"two\"", "gateways")]
    [InlineData("start", "\"next tuesday\"", "start")]
    [InlineData("weekdayShares", "{\"monday\": 0}", "weekdayShares")]
    [InlineData("weekdayShares", "{\"mondy\": 1}", "weekdayShares.mondy")]
    [InlineData("mix", "[]", "mix")]
    [InlineData("pools", "[]", "pools")]
    [InlineData("hourlyShares", "[1, -1]", "hourlyShares[1]")]
    [InlineData("colour", "\"blue\"", "colour")]
    public void Bad_root_fields_are_named(string field, string json, string named)
    {
        var root = StandardJson();
        root[field] = JsonNode.Parse(json);

        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(root.ToJsonString(), "test.json"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("scenario test.json: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "share", "-1", "mix[1].share")]
    [InlineData(2, "seniorShare", "1.5", "mix[2].seniorShare")]
    [InlineData(0, "reasonCode", "\"scheduling\"", "mix[0].reasonCode")]
    [InlineData(3, "queue", "\"nowhere\"", "mix[3].queue")]
    [InlineData(4, "handleTime", "{\"meanSeconds\": 0, \"sdSeconds\": 10}", "mix[4].handleTime.meanSeconds")]
    [InlineData(4, "handleTime", "{\"meanSeconds\": 600}", "mix[4].handleTime.sdSeconds")]
    [InlineData(5, "patience", "{\"distribution\": \"weibull\", \"meanSeconds\": 60}", "mix[5].patience.distribution")]
    [InlineData(5, "patience", "{\"distribution\": \"exponential\", \"meanSeconds\": 60, \"sdSeconds\": 3}", "mix[5].patience.sdSeconds")]
    [InlineData(1, "kind", "\"scheduling\"", "mix[1].kind")]
    public void Bad_call_kinds_are_named(int index, string field, string json, string named)
    {
        var root = StandardJson();
        root["mix"]![index]![field] = JsonNode.Parse(json);

        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(root.ToJsonString(), "test.json"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "staffing", "{\"model\": \"guess\"}", "pools[4].staffing.model")]
    [InlineData(4, "staffing", "{\"model\": \"erlang-c\", \"target\": 1, \"thresholdSeconds\": 20}", "pools[4].staffing.target")]
    [InlineData(0, "staffing", "{\"model\": \"roster\", \"hours\": {\"default\": [0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0], \"monday\": [1, 2]}}", "pools[0].staffing.hours.monday")]
    [InlineData(0, "staffing", "{\"model\": \"roster\", \"hours\": {\"monday\": [0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0]}}", "pools[0].staffing.hours.sunday")]
    [InlineData(2, "skills", "[]", "pools[2].skills")]
    [InlineData(2, "skills", "[{\"name\": \"billing\", \"proficiency\": 9}]", "pools[2].skills[0].proficiency")]
    [InlineData(1, "queue", "\"scheduling\"", "pools[1].queue")]
    public void Bad_pools_are_named(int index, string field, string json, string named)
    {
        var root = StandardJson();
        root["pools"]![index]![field] = JsonNode.Parse(json);

        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(root.ToJsonString(), "test.json"));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse("{\n  \"name\": \"x\",\n  oops\n}", "broken.json"));

        Assert.Contains("broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_roster_that_needs_more_clinicians_than_allowed_names_the_pool_and_the_hour()
    {
        var scenario = Scenarios.Standard;
        scenario = scenario with
        {
            Pools = [.. scenario.Pools.Select(p => p.Clinical ? p with { Staffing = new ErlangStaffingSpec(0.95, 20, 1, 0, 30) } : p)],
        };

        var error = Assert.Throws<ScenarioException>(() => RosterPlanner.Plan(new MonthCalendar(scenario, Scenarios.Monday)));

        Assert.Contains("pools[4].staffing.maxAgents", error.Message, StringComparison.Ordinal);
        Assert.Contains("Monday 08:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_that_is_not_a_midnight_is_refused()
    {
        Assert.Throws<ScenarioException>(() => new MonthCalendar(Scenarios.Small, Scenarios.Monday.AddHours(3)));
    }

    [Fact]
    public void Unknown_scenario_names_say_what_exists()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Load("no-such-scenario"));

        Assert.Contains("standard", error.Message, StringComparison.Ordinal);
        Assert.Contains("small", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject StandardJson() => JsonNode.Parse(ScenarioReader.ReadResource("standard-month.json"))!.AsObject();
}
