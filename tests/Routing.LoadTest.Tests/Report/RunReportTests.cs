using System.Xml.Linq;
using Routing.LoadTest.Report;
using static Routing.LoadTest.Tests.Report.ReportTestRuns;

namespace Routing.LoadTest.Tests.Report;

public sealed class RunReportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "routing-report-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Writes_json_summary_and_charts_and_prints_the_summary()
    {
        using var output = new StringWriter();

        var files = RunReport.Write(Mixed(), Path.Combine(_directory, "out"), output);

        Assert.Equal(Path.Combine(_directory, "out", "report.json"), files.Json);
        Assert.Equal(5, files.Charts.Count);
        Assert.All(files.All, f => Assert.True(File.Exists(f), f));
        var summary = File.ReadAllText(files.Summary);
        Assert.Equal(summary, output.ToString());
        Assert.Contains("report.json", summary, StringComparison.Ordinal);
        Assert.Contains("wait-distribution.svg", summary, StringComparison.Ordinal);
        Assert.Equal(15, ReportJson.Read(File.ReadAllText(files.Json)).Totals.Offered);
        Assert.All(files.Charts, f => Assert.Equal(XName.Get("svg", SvgChart.Namespace), XDocument.Load(f).Root!.Name));
    }

    [Fact]
    public void An_empty_run_still_writes_a_report()
    {
        using var output = new StringWriter();

        var files = RunReport.Write(Run([]), _directory, output);

        var report = ReportJson.Read(File.ReadAllText(files.Json));
        Assert.Equal(0, report.Totals.Offered);
        Assert.Null(report.Totals.ServiceLevels[0].Value);
        Assert.Contains("  OK: 0 lost, 0 duplicated calls", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
