using Routing.LoadTest.Cli;
using Routing.LoadTest.Month;

namespace Routing.LoadTest.Tests.Month;

public sealed class MonthCommandTests
{
    [Fact]
    public void The_standard_month_needs_no_arguments()
    {
        var (options, outDirectory) = MonthCommand.Parse([], progress: null);

        Assert.Equal("standard-month", options.Scenario.Name);
        Assert.Equal(1, options.Seed);
        Assert.Equal("http://127.0.0.1:50051", options.Server);
        Assert.Equal("month-report", outDirectory);
    }

    [Fact]
    public void Options_take_either_form()
    {
        var (options, outDirectory) = MonthCommand.Parse(["--scenario", "small", "--seed=7", "--server=http://localhost:6001", "--out", "/tmp/m"], progress: null);

        Assert.Equal("small-month", options.Scenario.Name);
        Assert.Equal(7, options.Seed);
        Assert.Equal("http://localhost:6001", options.Server);
        Assert.Equal("/tmp/m", outDirectory);
    }

    [Theory]
    [InlineData("--seed", "month", "--seed", "many")]
    [InlineData("--server", "month", "--server", "localhost:50051")]
    [InlineData("--scenario", "month", "--scenario", "/no/such/file.json")]
    [InlineData("--scenario", "month", "--scenario")]
    [InlineData("--bogus", "month", "--bogus", "1")]
    [InlineData("--out", "month", "--out", "a", "--out", "b")]
    public void Bad_arguments_name_the_argument_and_exit_2(string named, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = CommandLineApp.Run(args, stdout, stderr);

        Assert.Equal(CommandLineApp.BadArguments, code);
        Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void A_bad_scenario_file_exits_2_naming_the_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, ScenarioReader.ReadResource("small-month.json").Replace("\"days\": 2", "\"days\": -2", StringComparison.Ordinal));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = CommandLineApp.Run(["month", "--scenario", path], stdout, stderr);

            Assert.Equal(CommandLineApp.BadArguments, code);
            Assert.Contains("days", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Help_lists_the_month_command()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        Assert.Equal(0, CommandLineApp.Run(["--help"], stdout, stderr));
        Assert.Contains("month    [--server URL] [--scenario", stdout.ToString(), StringComparison.Ordinal);
    }
}
