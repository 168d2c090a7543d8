using Routing.LoadTest.Cli;
using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class StressCommandTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var o = StressCommand.Parse([]);

        Assert.Equal(new Uri("http://127.0.0.1:50051"), o.Server);
        Assert.Equal([6.5, 65, 650], o.Rates);
        Assert.False(o.FindMax);
        Assert.Equal(TimeSpan.FromSeconds(10), o.StepDuration);
        Assert.Equal(TimeSpan.FromSeconds(2), o.Warmup);
        Assert.Equal(ArrivalProcess.Poisson, o.Arrivals);
        Assert.Equal(CallMix.Standard, o.Mix);
        Assert.Equal(50, o.Agents);
        Assert.Equal(5, o.Clinicians);
        Assert.Equal(20_000, o.MaxInFlight);
        Assert.Equal(10, o.P99LimitMs);
        Assert.Equal("stress-report", o.OutDirectory);
    }

    [Fact]
    public void Find_max_is_a_bare_flag_and_rate_sets_where_it_starts()
    {
        var o = StressCommand.Parse(["--find-max", "--p99-ms", "10", "--rate", "400", "--server", "http://localhost:6000", "--out=/tmp/x", "--growth", "2"]);

        Assert.True(o.FindMax);
        Assert.Equal([400], o.Rates);
        Assert.Equal(2, o.Growth);
        Assert.Equal(new Uri("http://localhost:6000"), o.Server);
        Assert.Equal("/tmp/x", o.OutDirectory);
    }

    [Fact]
    public void Server_pid_is_checked_and_kept()
    {
        Assert.Equal(Environment.ProcessId, StressCommand.Parse(["--server-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ServerPid);
        Assert.Null(StressCommand.Parse([]).ServerPid);
    }

    [Fact]
    public void Steps_are_read_in_order()
    {
        Assert.Equal([65, 650, 2000, 5000, 10000], StressCommand.Parse(["--steps", "65,650,2000,5000,10000"]).Rates);
    }

    [Theory]
    [InlineData("--rate and --steps", "--rate", "10", "--steps", "1,2")]
    [InlineData("--steps cannot be combined with --find-max", "--find-max", "--steps", "1,2")]
    [InlineData("--find-max is given more than once", "--find-max", "--find-max")]
    [InlineData("--find-max is a flag", "--find-max=yes")]
    [InlineData("--growth applies only with --find-max", "--growth", "2")]
    [InlineData("--rate must be a number greater than 0", "--rate", "0")]
    [InlineData("--rate needs a value", "--rate", "--find-max")]
    [InlineData("--steps", "--steps", "10,x")]
    [InlineData("--steps rates must each be greater than 0", "--steps", "10,0")]
    [InlineData("--server must be an http:// or https:// address", "--server", "localhost:50051")]
    [InlineData("--server needs a value", "--server")]
    [InlineData("--out is given more than once", "--out", "a", "--out", "b")]
    [InlineData("--clinicians must be a whole number from 0 to 5", "--clinicians", "6")]
    [InlineData("--mix must be one of standard, routine", "--mix", "heavy")]
    [InlineData("--arrivals must be one of poisson, constant", "--arrivals", "bursty")]
    [InlineData("--max-in-flight must be a whole number from 1", "--max-in-flight", "0")]
    [InlineData("--p99-ms must be a number greater than 0", "--p99-ms", "-1")]
    [InlineData("--max-errors must be a number at least 0 and at most 1", "--max-errors", "2")]
    [InlineData("unknown option --duration for stress", "--duration", "5")]
    [InlineData("--server-pid must be a whole number", "--server-pid", "x")]
    [InlineData("--server-pid 2147483647: no such process", "--server-pid", "2147483647")]
    public void Bad_arguments_name_the_argument(string expected, params string[] args)
    {
        var e = Assert.Throws<UsageException>(() => StressCommand.Parse(args));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_exit_with_code_2_and_say_why_on_stderr()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = CommandLineApp.Run(["stress", "--rate", "fast"], stdout, stderr);

        Assert.Equal(CommandLineApp.BadArguments, code);
        Assert.Contains("error: --rate must be a number", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void No_server_is_a_failure_with_exit_code_1()
    {
        // Port 9 (discard) on loopback: nothing listens, so the probe fails fast without sleeping.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = CommandLineApp.Run(["stress", "--server", "http://127.0.0.1:9", "--rate", "1", "--out", Path.Combine(Path.GetTempPath(), "stress-no-server")], stdout, stderr);

        Assert.Equal(CommandLineApp.Failure, code);
        Assert.Contains("cannot reach a Routing server at http://127.0.0.1:9", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_lists_the_command()
    {
        Assert.Contains("stress   [--server URL]", Usage.Text, StringComparison.Ordinal);
    }
}
