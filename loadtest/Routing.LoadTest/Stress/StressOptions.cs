namespace Routing.LoadTest.Stress;

/// <summary>Everything a stress run is told on the command line (see Cli/StressCommand.cs for names and defaults).</summary>
internal sealed record StressOptions
{
    public required Uri Server { get; init; }

    /// <summary>The step rates for a fixed run; for --find-max, a single starting rate.</summary>
    public required IReadOnlyList<double> Rates { get; init; }

    public bool FindMax { get; init; }

    public double Growth { get; init; } = 1.5;

    public int MaxSteps { get; init; } = 25;

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Unmeasured load at the first rate before the first step, so a freshly started server is warm.</summary>
    public TimeSpan Prime { get; init; } = TimeSpan.FromSeconds(10);

    public ArrivalProcess Arrivals { get; init; } = ArrivalProcess.Poisson;

    public int Seed { get; init; } = 1;

    public string Mix { get; init; } = CallMix.Standard;

    public int Gateways { get; init; } = 1;

    public int Agents { get; init; } = 50;

    public int Clinicians { get; init; } = 5;

    public TimeSpan HandleTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Zero: routine callers never hang up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(2);

    public int MaxInFlight { get; init; } = 20_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public double P99LimitMs { get; init; } = 10;

    public double MaxErrorFraction { get; init; } = 0.01;

    public string OutDirectory { get; init; } = "stress-report";

    /// <summary>The server's process id, to report its CPU share apart from other processes'; null when not given.</summary>
    public int? ServerPid { get; init; }
}
