using System.Globalization;
using Routing.LoadTest.Month;
using Routing.LoadTest.Report;

namespace Routing.LoadTest.Cli;

/// <summary>
/// <c>month</c>: replays a month of calls (a scenario, standard by default) against a server started in simulation
/// mode, on its virtual clock; writes the report (JSON, summary, charts) into --out and prints the summary. Exit 0 when
/// every call was accounted for, 1 when calls were lost or duplicated (or the run failed), 2 on bad arguments.
/// </summary>
internal static class MonthCommand
{
    public const string Name = "month";

    /// <summary>Text-valued options, taken out here because <see cref="ArgumentReader"/> reads numbers and choices.</summary>
    private static readonly string[] TextOptions = ["server", "scenario", "out"];

    private static readonly string[] Known = ["seed"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var (options, outDirectory) = Parse(args, stderr);

        // A month is thousands of sequential round trips a second: run socket continuations on the event thread instead
        // of hopping to the thread pool for each (read once, when the process makes its first socket, so set it here).
        if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"month: scenario {options.Scenario.Name}, {options.Scenario.TotalCalls:N0} calls over {options.Scenario.Days} days, seed {options.Seed}, server {options.Server}"));
            var result = RunAsync(options, cancel.Token).GetAwaiter().GetResult();
            stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"month: {result.Driver.Advances:N0} clock advances ({result.Driver.StoppedOnOffer:N0} stopped at an offer), {result.Driver.TimerInstants:N0} server timer instants"));
            RunReport.Write(result.Observations, outDirectory, stdout);
            var s = result.Summary;
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"month: {s.Offered:N0} offered, {s.Answered:N0} answered, {s.Abandoned:N0} abandoned, {s.Refused:N0} refused, {s.Lost:N0} lost, {s.Duplicated:N0} duplicated; red flags {s.RedFlagCalls:N0}: {s.RedFlagWithoutClinician:N0} never reached a clinician, {s.RedFlagLate:N0} reached one after the deadline; wall time {result.Observations.WallTime.TotalSeconds:0.0} s; report in {outDirectory}"));
            return s.Lost > 0 || s.Duplicated > 0 ? CommandLineApp.Failure : CommandLineApp.Success;
        }
        catch (ScenarioException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (MonthRunException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CommandLineApp.Failure;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: interrupted");
            return CommandLineApp.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static (MonthRunOptions Options, string OutDirectory) Parse(IReadOnlyList<string> args, TextWriter? progress)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (text, rest) = TakeText(args);
        var reader = new ArgumentReader(Name, rest, Known);
        var server = text.GetValueOrDefault("server", MonthRunOptions.DefaultServer);
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server must be an http:// or https:// address such as {MonthRunOptions.DefaultServer}, got '{server}'");
        }

        MonthScenario scenario;
        try
        {
            scenario = ScenarioReader.Load(text.GetValueOrDefault("scenario", "standard"));
        }
        catch (ScenarioException e)
        {
            throw new UsageException($"--scenario: {e.Message}", e);
        }

        var options = new MonthRunOptions
        {
            Scenario = scenario,
            Seed = reader.Int("seed", 1, 0),
            Server = server,
            Progress = progress,
        };
        return (options, text.GetValueOrDefault("out", "month-report"));
    }

    private static async Task<MonthRunResult> RunAsync(MonthRunOptions options, CancellationToken cancellationToken)
    {
        await using var driver = new MonthDriver(options);
        return await driver.RunAsync(cancellationToken);
    }

    private static (Dictionary<string, string> Text, List<string> Others) TakeText(IReadOnlyList<string> args)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : string.Empty;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? name[..equals] : name;
            if (!TextOptions.Contains(key, StringComparer.Ordinal))
            {
                rest.Add(arg);
                continue;
            }

            string value;
            if (equals > 0)
            {
                value = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{key} needs a value");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new UsageException($"--{key} must not be empty");
            }

            if (!text.TryAdd(key, value))
            {
                throw new UsageException($"--{key} is given more than once");
            }
        }

        return (text, rest);
    }
}
