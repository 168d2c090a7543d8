using System.Globalization;
using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Cli;

/// <summary>
/// <c>stress</c>: open-loop OfferCall load against a running server, in fixed steps or a --find-max search; prints
/// the summary table and writes JSON, table and chart into --out.
/// </summary>
internal static class StressCommand
{
    public const string Name = "stress";

    private const string FindMaxFlag = "find-max";

    /// <summary>Options whose values are text, read here because <see cref="ArgumentReader"/> reads numbers and choices.</summary>
    private static readonly string[] TextOptions = ["server", "out"];

    private static readonly string[] Known =
    [
        "rate", "steps", "step-seconds", "warmup-seconds", "prime-seconds", "arrivals", "seed", "mix", "gateways", "agents", "clinicians",
        "handle-ms", "patience-seconds", "max-in-flight", "timeout-seconds", "p99-ms", "max-errors", "growth", "max-steps",
        "server-pid",
    ];

    /// <summary>Rates of a run given neither --rate nor --steps: 10x, 100x and 1000x the month's peak hour (~0.65 calls/s).</summary>
    private static readonly double[] DefaultSteps = [6.5, 65, 650];

    private const double DefaultStartRate = 100;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = Parse(args);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // First Ctrl+C: finish cleanly and write what was measured; a second one kills the process.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
            stderr.WriteLine("interrupted: sending no more calls, waiting for the outstanding replies");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var report = StressRun.RunAsync(options, stderr, cancel.Token).GetAwaiter().GetResult();
            var paths = StressFiles.Write(report, options.OutDirectory);
            stdout.Write(StressSummary.Write(report));
            stdout.WriteLine($"wrote {string.Join(", ", paths)}");
            return report.Cancelled ? CommandLineApp.Failure : CommandLineApp.Success;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: interrupted before any step ran");
            return CommandLineApp.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    public static StressOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (findMax, text, rest) = TakeFlagAndText(args);
        var reader = new ArgumentReader(Name, rest, Known);
        if (reader.Has("rate") && reader.Has("steps"))
        {
            throw new UsageException("--rate and --steps are alternatives: give one");
        }

        if (findMax && reader.Has("steps"))
        {
            throw new UsageException("--steps cannot be combined with --find-max, which picks its own rates (use --rate for the starting rate)");
        }

        foreach (var searchOnly in new[] { "growth", "max-steps" })
        {
            if (!findMax && reader.Has(searchOnly))
            {
                throw new UsageException($"--{searchOnly} applies only with --find-max");
            }
        }

        IReadOnlyList<double> rates;
        if (reader.Has("steps"))
        {
            rates = reader.DoubleList("steps", 0);
            if (rates.Any(r => r <= 0 || r > 1_000_000))
            {
                throw new UsageException("--steps rates must each be greater than 0 and at most 1000000 calls per second");
            }
        }
        else if (reader.OptionalDouble("rate", 0, exclusive: true, max: 1_000_000) is { } rate)
        {
            rates = [rate];
        }
        else
        {
            rates = findMax ? [DefaultStartRate] : DefaultSteps;
        }

        return new StressOptions
        {
            Server = ServerOf(text.GetValueOrDefault("server", "http://127.0.0.1:50051")),
            OutDirectory = OutOf(text.GetValueOrDefault("out", "stress-report")),
            Rates = rates,
            FindMax = findMax,
            Growth = reader.Double("growth", 1.5, 1, exclusive: true, max: 10),
            MaxSteps = reader.Int("max-steps", 25, 1, 1000),
            StepDuration = TimeSpan.FromSeconds(reader.Double("step-seconds", 10, 0, exclusive: true, max: 86_400)),
            Warmup = TimeSpan.FromSeconds(reader.Double("warmup-seconds", 2, 0, exclusive: false, max: 3_600)),
            Prime = TimeSpan.FromSeconds(reader.Double("prime-seconds", 10, 0, exclusive: false, max: 3_600)),
            Arrivals = reader.Choice("arrivals", "poisson", "poisson", "constant") == "constant" ? ArrivalProcess.Constant : ArrivalProcess.Poisson,
            Seed = reader.Int("seed", 1, 0),
            Mix = reader.Choice("mix", CallMix.Standard, CallMix.Standard, CallMix.Routine),
            Gateways = reader.Int("gateways", 1, 1, 100),
            Agents = reader.Int("agents", 50, 0, 10_000),
            Clinicians = reader.Int("clinicians", StressRun.RosterClinicians.Count, 0, StressRun.RosterClinicians.Count),
            HandleTime = TimeSpan.FromMilliseconds(reader.Double("handle-ms", 1000, 0, exclusive: false, max: 3_600_000)),
            Patience = TimeSpan.FromSeconds(reader.Double("patience-seconds", 2, 0, exclusive: false, max: 86_400)),
            MaxInFlight = reader.Int("max-in-flight", 20_000, 1, 1_000_000),
            Timeout = TimeSpan.FromSeconds(reader.Double("timeout-seconds", 10, 0, exclusive: true, max: 3_600)),
            P99LimitMs = reader.Double("p99-ms", 10, 0, exclusive: true, max: 3_600_000),
            MaxErrorFraction = reader.Double("max-errors", 0.01, 0, exclusive: false, max: 1),
            ServerPid = ServerPidOf(reader),
        };
    }

    /// <summary>
    /// Takes out the bare --find-max flag and the text options, which <see cref="ArgumentReader"/> does not read;
    /// the rest goes to it unchanged, so its messages stay the same as the other commands'.
    /// </summary>
    private static (bool FindMax, Dictionary<string, string> Text, List<string> Others) TakeFlagAndText(IReadOnlyList<string> args)
    {
        var findMax = false;
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--" + FindMaxFlag)
            {
                if (findMax)
                {
                    throw new UsageException($"--{FindMaxFlag} is given more than once");
                }

                findMax = true;
                continue;
            }

            if (arg.StartsWith("--" + FindMaxFlag + "=", StringComparison.Ordinal))
            {
                throw new UsageException($"--{FindMaxFlag} is a flag and takes no value");
            }

            var name = TextOptions.FirstOrDefault(o => arg == "--" + o || arg.StartsWith("--" + o + "=", StringComparison.Ordinal));
            if (name is null)
            {
                rest.Add(arg);
                continue;
            }

            string value;
            if (arg.Length > name.Length + 2)
            {
                value = arg[(name.Length + 3)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value");
            }

            if (!text.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given more than once");
            }
        }

        return (findMax, text, rest);
    }

    private static int? ServerPidOf(ArgumentReader reader)
    {
        if (!reader.Has("server-pid"))
        {
            return null;
        }

        var pid = reader.Int("server-pid", null, 1);
        return CpuMeter.CanRead(pid)
            ? pid
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--server-pid {pid}: no such process whose /proc/{pid}/stat can be read"));
    }

    private static Uri ServerOf(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        throw new UsageException($"--server must be an http:// or https:// address such as http://127.0.0.1:50051, got '{text}'");
    }

    private static string OutOf(string text) =>
        string.IsNullOrWhiteSpace(text) || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--out must be a directory path, got '{text}'"))
            : text;
}
