namespace Routing.LoadTest.Month;

/// <summary>What a month run needs besides the scenario: where the server is, the seed, and where progress goes.</summary>
internal sealed record MonthRunOptions
{
    public const string DefaultServer = "http://127.0.0.1:50051";

    public required MonthScenario Scenario { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>gRPC address (h2c).</summary>
    public string Server { get; init; } = DefaultServer;

    /// <summary>Handler to reach the server with (tests host it in process); null: sockets, several HTTP/2 connections.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Progress lines (no patient data); null: silent.</summary>
    public TextWriter? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Longest wall time to wait for a reply or a stream message the server owes; past it the run stops with an error
    /// rather than hang (a server bug, or a server that is not in simulation mode after all).
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
