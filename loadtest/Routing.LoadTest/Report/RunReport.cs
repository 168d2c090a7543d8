using System.Text;

namespace Routing.LoadTest.Report;

/// <summary>
/// The run report: report.json, summary.txt (also written to the given writer) and SVG charts of service level by
/// hour (one per definition), queue depth across the day and the wait distribution, all from one
/// <see cref="ReportDocument"/>.
/// </summary>
internal static class RunReport
{
    public const string JsonFile = "report.json";
    public const string SummaryFile = "summary.txt";

    public static ReportFiles Write(RunObservations run, string outputDirectory, TextWriter summaryOut, ReportSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(summaryOut);
        var report = ReportDocument.Build(run, settings);
        Directory.CreateDirectory(outputDirectory);
        var utf8 = new UTF8Encoding(false);
        var json = Path.Combine(outputDirectory, JsonFile);
        File.WriteAllText(json, ReportJson.Write(report), utf8);
        var charts = new List<string>();
        foreach (var (fileName, chart) in ReportCharts.All(report))
        {
            var path = Path.Combine(outputDirectory, fileName);
            chart.Save(path);
            charts.Add(path);
        }

        var summaryPath = Path.Combine(outputDirectory, SummaryFile);
        var files = new ReportFiles(json, summaryPath, charts);
        var summary = SummaryWriter.ToText(report, files.All.Select(Path.GetFileName).OfType<string>().ToArray());
        File.WriteAllText(summaryPath, summary, utf8);
        summaryOut.Write(summary);
        return files;
    }
}
