using System.Globalization;
using System.Text;
using System.Text.Json;
using Routing.AuditTool;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

/// <summary>The command-line tool, run in process through its entry method: exit codes and output.</summary>
public sealed class AuditToolTests
{
    [Fact]
    public void Verify_exits_0_on_an_intact_chain_and_1_with_the_first_broken_link_when_tampered()
    {
        using var h = Journal();

        var intact = Run("verify", "--db", h.Database.Path);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains($"intact: {h.CallEvents} records checked", intact.Stdout, StringComparison.Ordinal);

        h.Database.Execute("UPDATE audit SET actor = 'agent:mallory' WHERE id = 4");
        var broken = Run("verify", "--db", h.Database.Path);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at audit record 4", broken.Stdout, StringComparison.Ordinal);
        Assert.Contains("HashMismatch", broken.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("verify")]
    [InlineData("verify", "--db")]
    [InlineData("verify", "--db", "{missing}")]
    [InlineData("verify", "--db", "{db}", "--from", "2026-11-01T00:00:00Z")]
    [InlineData("verify", "--db", "{db}", "--db", "{db}")]
    [InlineData("verify", "{db}")]
    [InlineData("explode", "--db", "{db}")]
    [InlineData("export", "--db", "{db}", "--from", "yesterday")]
    [InlineData("export", "--db", "{db}", "--from", "2026-12-01T00:00:00Z", "--to", "2026-11-01T00:00:00Z")]
    [InlineData("export", "--db", "{db}", "--out", "{missing-dir}/x.jsonl")]
    [InlineData("export", "--db", "{db}", "--color", "red")]
    [InlineData("prune", "--db", "{db}")]
    [InlineData("verify", "--db", "{not-a-db}")]
    public void Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        using var h = Journal();
        var notADatabase = Path.Combine(h.Database.Directory, "notes.txt");
        File.WriteAllText(notADatabase, "this is not a database, just some text that is long enough to have a header page...".PadRight(200, '.'));
        var substituted = args.Select(a => a
            .Replace("{db}", h.Database.Path, StringComparison.Ordinal)
            .Replace("{missing}", Path.Combine(h.Database.Directory, "nope.db"), StringComparison.Ordinal)
            .Replace("{missing-dir}", Path.Combine(h.Database.Directory, "no-such-dir"), StringComparison.Ordinal)
            .Replace("{not-a-db}", notADatabase, StringComparison.Ordinal)).ToArray();

        var result = Run(substituted);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Help_prints_the_usage_and_the_retention_policy()
    {
        var result = Run("help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("prune --db <file> --before <time>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("6 years", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_one_json_object_per_record_with_the_record_as_an_object()
    {
        using var h = Journal();
        var file = Path.Combine(h.Database.Directory, "audit.jsonl");

        var result = Run("export", "--db", h.Database.Path, "--out", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"exported {h.CallEvents} audit records to {file}", result.Stderr, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file);
        Assert.Equal(h.CallEvents, lines.Length);
        var previousHash = new string('0', 64);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var o = json.RootElement;
            var row = h.Database.Row(i + 1);
            Assert.Equal(i + 1, o.GetProperty("id").GetInt64());
            Assert.Equal(row.EventSequence, o.GetProperty("eventSequence").GetInt64());
            var at = o.GetProperty("at").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", at);
            Assert.Equal(row.At, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture));
            Assert.Equal(row.CallId, o.GetProperty("callId").GetString());
            Assert.Equal(row.Kind, o.GetProperty("kind").GetString());
            Assert.Equal(row.Actor, o.GetProperty("actor").GetString());
            Assert.Equal(Convert.ToHexStringLower(row.Hash), o.GetProperty("hash").GetString());
            Assert.Equal(previousHash, o.GetProperty("prevHash").GetString());
            var record = o.GetProperty("record");
            Assert.Equal(JsonValueKind.Object, record.ValueKind);
            Assert.Equal(row.Kind, record.GetProperty("$type").GetString());
            Assert.Equal(Encoding.UTF8.GetString(row.Record), record.GetRawText());
            previousHash = o.GetProperty("hash").GetString()!;
        }
    }

    [Fact]
    public void Export_filters_by_call_and_by_time_and_writes_to_standard_output_without_one()
    {
        using var h = Journal();

        var call = Run("export", "--db", h.Database.Path, "--call", "c-chest");
        Assert.Equal(0, call.ExitCode);
        var callLines = Lines(call.Stdout);
        Assert.Equal(h.Events.OfType<Routing.Core.Events.CallEvent>().Count(e => e.CallId == "c-chest"), callLines.Count);
        Assert.All(callLines, l => Assert.Equal("c-chest", l.GetProperty("callId").GetString()));

        var from = AuditHarness.Start.AddMinutes(5);
        var to = AuditHarness.Start.AddMinutes(9);
        var window = Run("export", "--db", h.Database.Path, "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", "2026-11-30T08:09:00Z");
        Assert.Equal(0, window.ExitCode);
        var expected = h.Events.OfType<Routing.Core.Events.CallEvent>().Count(e => e.At >= from && e.At < to);
        var windowLines = Lines(window.Stdout);
        Assert.Equal(expected, windowLines.Count);
        Assert.True(expected > 0);
        Assert.All(windowLines, l =>
        {
            var at = DateTimeOffset.Parse(l.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(at, from, to.AddTicks(-1));
        });
    }

    [Fact]
    public void A_record_that_is_not_json_is_still_exported_as_a_string()
    {
        using var h = Journal();
        h.Database.Execute("UPDATE audit SET record = CAST('{broken' AS BLOB) WHERE id = 2");

        var result = Run("export", "--db", h.Database.Path);

        var second = Lines(result.Stdout)[1];
        Assert.Equal("{broken", second.GetProperty("record").GetString());
        Assert.True(second.GetProperty("recordIsNotJson").GetBoolean());
    }

    [Fact]
    public void Prune_then_verify_passes_from_the_anchor()
    {
        using var h = Journal();

        var prune = Run("prune", "--db", h.Database.Path, "--before", "2026-11-30T08:04:00Z");
        Assert.Equal(0, prune.ExitCode);
        Assert.Contains("anchor: record ", prune.Stdout, StringComparison.Ordinal);

        var verify = Run("verify", "--db", h.Database.Path);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("anchored after", verify.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Prune_of_a_tampered_chain_exits_1_and_deletes_nothing()
    {
        using var h = Journal();
        h.Database.Execute("UPDATE audit SET kind = 'CallCompleted' WHERE id = 2");

        var prune = Run("prune", "--db", h.Database.Path, "--before", "2027-01-01");

        Assert.Equal(1, prune.ExitCode);
        Assert.Contains("Refusing to prune", prune.Stderr, StringComparison.Ordinal);
        Assert.Equal(h.CallEvents, h.Database.Scalar("SELECT COUNT(*) FROM audit"));
    }

    [Fact]
    public void The_tool_runs_as_a_process_with_the_same_exit_codes()
    {
        using var h = Journal();
        var tool = Path.Combine(AppContext.BaseDirectory, "Routing.AuditTool.dll");
        Assert.True(File.Exists(tool), tool);

        Assert.Equal(0, Process(tool, "verify", "--db", h.Database.Path));
        h.Database.Execute("DELETE FROM audit WHERE id = 5");
        Assert.Equal(1, Process(tool, "verify", "--db", h.Database.Path));
        Assert.Equal(2, Process(tool, "verify"));
    }

    private static int Process(string tool, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        return process.ExitCode;
    }

    private static AuditHarness Journal()
    {
        var h = new AuditHarness();
        Scenarios.RibPainTransferredToNurse(h);
        Scenarios.ChestPainReachedLate(h);
        return h;
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = AuditToolCommand.Run(args, stdout, stderr);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    private static List<JsonElement> Lines(string jsonLines) =>
        jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
