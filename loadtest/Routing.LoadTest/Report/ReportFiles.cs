namespace Routing.LoadTest.Report;

/// <summary>Where <see cref="RunReport.Write"/> put the report.</summary>
internal sealed record ReportFiles(string Json, string Summary, IReadOnlyList<string> Charts)
{
    public IEnumerable<string> All => new[] { Json, Summary }.Concat(Charts);
}
