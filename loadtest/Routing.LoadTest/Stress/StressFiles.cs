namespace Routing.LoadTest.Stress;

/// <summary>Writes a report's three files into the output directory (created if missing, files replaced).</summary>
internal static class StressFiles
{
    public const string Json = "stress.json";
    public const string Summary = "stress-summary.txt";
    public const string Chart = "stress-latency.svg";

    public static IReadOnlyList<string> Write(StressReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            (Json, StressReportJson.Write(report) + Environment.NewLine),
            (Summary, StressSummary.Write(report)),
            (Chart, LatencyChart.Svg(report)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            paths.Add(path);
        }

        return paths;
    }
}
