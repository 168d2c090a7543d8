using System.Globalization;

namespace Routing.GrpcBench;

/// <summary>Command-line settings of one benchmark run.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/Routing.GrpcBench -- [options]
          --seconds N        measured seconds per phase, over all its rounds (default 10)
          --warmup N         unmeasured warm-up seconds of each phase, and of each diagnostic (default 3)
          --rounds N         measured rounds per phase, alternating echo and Routing (default 5)
          --concurrency N    concurrent unary callers (default 64)
          --streams N        bidirectional streams in the streaming phases (default 4)
          --window N         requests in flight per stream (default 64, at most 1024)
          --connections N    HTTP/2 connections (GrpcChannels) per server the clients spread over (default 1)
          --diag-seconds N   measured seconds of each diagnostic phase (default: --seconds)
          --no-diagnostics   skip the in-process diagnostic phases (domain and engine without gRPC)
          --json-out FILE    also write the JSON summary to FILE
          --journal KIND     journal of the measured Routing server: Sqlite or InMemory (default: the server's
                             own default, Sqlite); the diagnostics measure both either way
          --data-dir DIR     where the servers' SQLite files go, one fresh file per server, deleted after
                             (default: the system temp directory)
          --durable-rows N   rows DurableEcho writes per request (default 1)
          --durable-bytes N  bytes of each of those rows (default: the request's payload, 109 B); with 2 and 330 it
                             writes what OfferCall's two events hold (~660 B), without Routing's audit copy
          --only LIST        run only these phases (for profiling), comma-separated:
                             echo, durable-echo, offer, echo-stream, agent-stream, diag
        """;

    public int Seconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 3;

    public int Rounds { get; init; } = 5;

    public int Concurrency { get; init; } = 64;

    public int Streams { get; init; } = 4;

    public int Window { get; init; } = 64;

    public int Connections { get; init; } = 1;

    public int DiagnosticSeconds { get; init; }

    public bool Diagnostics { get; init; } = true;

    public string? JsonOut { get; init; }

    public bool ShowHelp { get; init; }

    /// <summary>Rows DurableEcho writes per request.</summary>
    public int DurableRows { get; init; } = 1;

    /// <summary>Bytes of each DurableEcho row; 0: the request's own payload.</summary>
    public int DurableBytes { get; init; }

    /// <summary>Routing:Storage:Journal of the measured server; null: the server's default.</summary>
    public string? Journal { get; init; }

    public string DataDirectory { get; init; } = Path.GetTempPath();

    /// <summary>Phases to run; empty: all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    public bool Runs(string phase) => Only.Count == 0 || Only.Contains(phase);

    public TimeSpan Measure => TimeSpan.FromSeconds(Seconds);

    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    public TimeSpan DiagnosticMeasure => TimeSpan.FromSeconds(DiagnosticSeconds > 0 ? DiagnosticSeconds : Seconds);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            options = name switch
            {
                "--seconds" => options with { Seconds = Positive(name, Value(args, ref i)) },
                "--warmup" => options with { WarmupSeconds = NonNegative(name, Value(args, ref i)) },
                "--rounds" => options with { Rounds = Positive(name, Value(args, ref i)) },
                "--concurrency" => options with { Concurrency = Positive(name, Value(args, ref i)) },
                "--streams" => options with { Streams = Positive(name, Value(args, ref i)) },
                "--window" => options with { Window = Math.Min(1024, Positive(name, Value(args, ref i))) },
                "--connections" => options with { Connections = Positive(name, Value(args, ref i)) },
                "--diag-seconds" => options with { DiagnosticSeconds = Positive(name, Value(args, ref i)) },
                "--no-diagnostics" => options with { Diagnostics = false },
                "--json-out" => options with { JsonOut = Value(args, ref i) },
                "--journal" => options with { Journal = JournalKind(Value(args, ref i)) },
                "--data-dir" => options with { DataDirectory = Value(args, ref i) },
                "--durable-rows" => options with { DurableRows = Positive(name, Value(args, ref i)) },
                "--durable-bytes" => options with { DurableBytes = Positive(name, Value(args, ref i)) },
                "--only" => options with { Only = Phases(Value(args, ref i)) },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static string JournalKind(string value) => value.ToUpperInvariant() switch
    {
        "SQLITE" => "Sqlite",
        "INMEMORY" => "InMemory",
        _ => throw new ArgumentException($"--journal takes Sqlite or InMemory, not '{value}'."),
    };

    private static HashSet<string> Phases(string list)
    {
        string[] known = ["echo", "durable-echo", "echo-stream", "agent-stream", "offer", "diag"];
        var phases = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = phases.Except(known).ToList();
        return unknown.Count == 0 ? phases : throw new ArgumentException($"Unknown phase(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}.");
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }

    private static int Positive(string name, string value)
    {
        var n = NonNegative(name, value);
        return n > 0 ? n : throw new ArgumentException($"{name} must be at least 1.");
    }

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
