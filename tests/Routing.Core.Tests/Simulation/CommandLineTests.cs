using System.Text.Json;
using Routing.LoadTest.Cli;

namespace Routing.Core.Tests.Simulation;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--agents", "simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "0", "--threshold", "20")]
    [InlineData("--calls-per-hour", "simulate", "--calls-per-hour", "many", "--aht", "180", "--agents", "14", "--threshold", "20")]
    [InlineData("--aht", "simulate", "--calls-per-hour", "200", "--agents", "14", "--threshold", "20")]
    [InlineData("--threshold", "simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "14", "--threshold")]
    [InlineData("--patience", "simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "14", "--threshold", "20", "--patience", "-5")]
    [InlineData("--bogus", "simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "14", "--threshold", "20", "--bogus", "1")]
    [InlineData("--handle-time", "simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "14", "--threshold", "20", "--handle-time", "weibull")]
    [InlineData("--calls", "staffing", "--calls", "100,x", "--aht", "180", "--target", "0.8", "--threshold", "20")]
    [InlineData("--target", "staffing", "--calls", "100", "--aht", "180", "--target", "1", "--threshold", "20")]
    [InlineData("nonsense", "nonsense")]
    public void Bad_arguments_name_the_argument_and_exit_2(string named, params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_usage_and_succeeds()
    {
        var (code, stdout, _) = Run("--help");
        var (commandCode, commandStdout, _) = Run("staffing", "--help");

        Assert.Equal(0, code);
        Assert.Contains("simulate --calls-per-hour", stdout, StringComparison.Ordinal);
        Assert.Equal(0, commandCode);
        Assert.Contains("staffing --calls", commandStdout, StringComparison.Ordinal);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var (code, _, stderr) = Run();

        Assert.Equal(2, code);
        Assert.Contains("command", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_prints_one_JSON_object_with_the_prediction_and_reports_progress_on_stderr()
    {
        var (code, stdout, stderr) = Run("simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "14", "--threshold", "20", "--calls", "5000", "--patience", "300");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        foreach (var field in new[] { "serviceLevel", "serviceLevelHalfWidth95", "probabilityOfWait", "asa", "abandonRate", "calls", "warmupCalls", "seed", "elapsedSeconds", "handleTime", "definitions" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal(5000, root.GetProperty("calls").GetInt32());
        Assert.Equal(1, root.GetProperty("seed").GetInt32());
        Assert.Equal("erlang-a", root.GetProperty("prediction").GetProperty("model").GetString());
        Assert.Equal(0.916792, root.GetProperty("prediction").GetProperty("serviceLevel").GetDouble(), 1e-6);
        Assert.Equal("exponential", root.GetProperty("handleTime").GetProperty("distribution").GetString());
        Assert.Contains("simulated 500/5000 calls", stderr, StringComparison.Ordinal);
        Assert.Contains("simulated 5000/5000 calls", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_reports_an_unstable_Erlang_C_instead_of_a_prediction()
    {
        var (code, stdout, _) = Run("simulate", "--calls-per-hour", "200", "--aht", "180", "--agents", "10", "--threshold", "20", "--calls", "1000");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var prediction = json.RootElement.GetProperty("prediction");
        Assert.False(prediction.GetProperty("stable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, prediction.GetProperty("serviceLevel").ValueKind);
    }

    [Fact]
    public void Staffing_prints_a_JSON_array_per_interval()
    {
        var (code, stdout, _) = Run("staffing", "--interval-minutes", "30", "--calls", "100,140,0", "--aht", "180", "--target", "0.8", "--threshold", "20", "--calls-per-sim", "5000");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(14, rows[0].GetProperty("agents").GetInt32());
        Assert.Equal(0.88835, rows[0].GetProperty("predictedServiceLevel").GetDouble(), 1e-5);
        Assert.InRange(rows[0].GetProperty("simulatedServiceLevel").GetDouble(), 0.8, 0.95);
        Assert.Equal(18, rows[1].GetProperty("agents").GetInt32());
        Assert.Equal(0, rows[2].GetProperty("agents").GetInt32());
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
