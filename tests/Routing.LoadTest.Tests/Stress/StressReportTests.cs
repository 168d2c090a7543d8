using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed partial class StressReportTests
{
    [Fact]
    public void Json_has_snake_case_names_every_step_and_the_answer()
    {
        using var json = JsonDocument.Parse(StressReportJson.Write(Report()));
        var root = json.RootElement;

        Assert.Equal("stress", root.GetProperty("command").GetString());
        Assert.Equal(650, root.GetProperty("result").GetProperty("highest_sustained_rate").GetDouble());
        Assert.Equal(2000, root.GetProperty("result").GetProperty("lowest_failed_rate").GetDouble());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(3, steps.Count);
        var failed = steps[2];
        Assert.False(failed.GetProperty("sustained").GetBoolean());
        Assert.Equal(25.5, failed.GetProperty("latency_ms").GetProperty("p99").GetDouble());
        Assert.Equal(300, failed.GetProperty("errors").GetProperty("RESOURCE_EXHAUSTED").GetInt64());
        Assert.Equal(300, failed.GetProperty("resource_exhausted").GetInt64());
        Assert.Equal(12, failed.GetProperty("behind_schedule").GetInt64());

        foreach (var name in Names(root))
        {
            Assert.Matches(SnakeCase(), name);
        }
    }

    [Fact]
    public void Summary_has_a_row_per_step_and_the_highest_sustained_rate()
    {
        var text = StressSummary.Write(Report());

        Assert.Contains("highest rate sustained: 650.0 calls/s; lowest rate not sustained 2,000.0/s", text, StringComparison.Ordinal);
        Assert.Contains("step 3 errors: RESOURCE_EXHAUSTED 300", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(l => l.Contains("  ok: ", StringComparison.Ordinal) || l.Contains("  NO: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Chart_is_svg_with_both_series_the_limit_and_the_answer()
    {
        var svg = XDocument.Parse(LatencyChart.Svg(Report()));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", svg.Root!.Name);
        var series = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "series").ToDictionary(g => (string)g.Attribute("data-series")!);
        Assert.Equal(["p99", "p50"], series.Keys);
        Assert.All(series.Values, g => Assert.Equal(3, g.Elements(ns + "circle").Count()));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "p99 limit 10 ms");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "sustained 650/s");

        // p99 rises with the rate: higher latency is higher up the chart, so y falls.
        var p99 = series["p99"].Elements(ns + "circle").Select(c => double.Parse((string)c.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(p99[0] > p99[1] && p99[1] > p99[2]);

        // The step that was not sustained (2,000/s) is a ring; the sustained ones are filled.
        Assert.Equal(["#d84315", "#d84315", "white"], series["p99"].Elements(ns + "circle").Select(c => (string)c.Attribute("fill")!));
    }

    [Fact]
    public void Files_land_in_the_output_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "stress-report-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = StressFiles.Write(Report(), directory);

            Assert.Equal([StressFiles.Json, StressFiles.Summary, StressFiles.Chart], paths.Select(Path.GetFileName));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 0));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static StressReport Report()
    {
        var options = new StressOptions { Server = new Uri("http://127.0.0.1:50051"), Rates = [65, 650, 2000] };
        var criteria = new SustainCriteria(10, 0.01);
        var steps = new[]
        {
            Step(1, 65, p50: 0.8, p99: 2.1, errors: 0, behind: 0),
            Step(2, 650, p50: 1.2, p99: 6.4, errors: 0, behind: 1),
            Step(3, 2000, p50: 3.5, p99: 25.5, errors: 300, behind: 12),
        }.Select(s =>
        {
            var (passed, verdict) = criteria.Judge(s);
            return new JudgedStep(s, passed, verdict);
        }).ToList();
        var (sustained, failed) = MaxRateSearch.Bracket(steps.Select(s => (s.Result.TargetRate, s.Passed)));
        return new StressReport
        {
            RunId = "20261127000000-abcd",
            StartedAt = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 11, 27, 0, 1, 0, TimeSpan.Zero),
            Options = options,
            Steps = steps,
            HighestSustainedRate = sustained,
            LowestFailedRate = failed,
            Traffic = new Dictionary<string, long> { ["urgency_ROUTINE"] = 100 },
        };
    }

    private static StepResult Step(int index, double rate, double p50, double p99, long errors, long behind)
    {
        var offered = (long)(rate * 10);
        return new StepResult
        {
            Index = index,
            TargetRate = rate,
            MeasuredSeconds = 10,
            Offered = offered,
            Completed = offered - errors,
            Latency = new LatencySummary(offered - errors, p50, p50 * 2, p99, p99 * 1.5, p99 * 2, p50),
            Errors = errors == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { [ErrorCodes.ResourceExhausted] = errors },
            BehindSchedule = behind,
            HeldByInFlightCap = 0,
            DispatchLag = new LatencySummary(offered, 0.1, 0.2, 0.9, 1, 2, 0.1),
            MaxInFlight = 7,
            Cpu = new CpuUse(0.9, 0.3, 0.5, 0.1),
        };
    }

    /// <summary>Property names of every object, except the keys of "errors" and "traffic", which are codes.</summary>
    private static IEnumerable<string> Names(JsonElement element, string? parent = null)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (parent is not ("errors" or "traffic"))
                {
                    yield return property.Name;
                }

                foreach (var name in Names(property.Value, property.Name))
                {
                    yield return name;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in element.EnumerateArray().SelectMany(e => Names(e, parent)))
            {
                yield return name;
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
