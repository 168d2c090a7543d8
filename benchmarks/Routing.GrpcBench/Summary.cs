using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Routing.GrpcBench;

/// <summary>Where the run happened.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Cpu, string Os, string Runtime, string Architecture, bool ServerGc, string GcLatencyMode)
{
    public static MachineInfo Read()
    {
        var cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo")
                    .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                    .Split(':', 2)[1].Trim() ?? cpu;
            }
        }
        catch (IOException)
        {
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture.ToString(),
            GCSettings.IsServerGC,
            GCSettings.LatencyMode.ToString());
    }
}

/// <summary>The run's outcome: the four measured phases, their ratios against echo, and the diagnostics.</summary>
internal sealed record Summary(
    DateTimeOffset Date,
    string Command,
    MachineInfo Machine,
    BenchOptions Options,
    string RoutingJournal,
    IReadOnlyList<DiskProbe> Disk,
    IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyList<PhaseResult> Phases,
    IReadOnlyList<PhaseResult> Diagnostics)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Summary Build(BenchOptions options, MachineInfo machine, DateTimeOffset date, IReadOnlyList<DiskProbe> disk, IReadOnlyList<PhaseResult> phases, IReadOnlyList<PhaseResult> diagnostics)
    {
        double Rate(string name) => phases.FirstOrDefault(p => p.Name == name)?.PerSecond ?? 0;
        double Ratio(string a, string b) => Rate(b) == 0 ? 0 : Math.Round(Rate(a) / Rate(b), 3);
        var ratios = new Dictionary<string, double>
        {
            ["offer_call_vs_echo_unary"] = Ratio("OfferCall (gRPC)", "Echo (gRPC)"),
            ["durable_echo_vs_echo_unary"] = Ratio("DurableEcho (gRPC)", "Echo (gRPC)"),
            ["offer_call_vs_durable_echo"] = Ratio("OfferCall (gRPC)", "DurableEcho (gRPC)"),
            ["agent_stream_vs_echo_stream"] = Ratio("AgentSession (gRPC)", "EchoStream (gRPC)"),
        };
        var command = "dotnet run -c Release --project benchmarks/Routing.GrpcBench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        return new Summary(date, command.TrimEnd(), machine, options, options.Journal ?? "Sqlite (server default)", disk, ratios, phases, diagnostics);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public string Table()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"| {"phase",-62} | {"throughput",18} | {"p50 µs",8} | {"p90 µs",8} | {"p99 µs",9} | {"errors",6} | {"cpu: this / others",18} |");
        text.AppendLine(c, $"|{new string('-', 64)}|{new string('-', 20)}|{new string('-', 10)}|{new string('-', 10)}|{new string('-', 11)}|{new string('-', 8)}|{new string('-', 20)}|");
        foreach (var p in Phases.Concat(Diagnostics))
        {
            var cpu = $"{p.Cpu.ThisProcess:P0} / {p.Cpu.Others:P0}";
            text.AppendLine(c, $"| {p.Name,-62} | {p.PerSecond.ToString("N0", c) + " " + p.Unit + "/s",18} | {p.P50Micros,8:N0} | {p.P90Micros,8:N0} | {p.P99Micros,9:N0} | {p.Errors,6} | {cpu,18} |");
        }

        text.AppendLine();
        text.AppendLine(c, $"OfferCall / Echo unary:        {Ratios["offer_call_vs_echo_unary"]:P1} (goal: at least 60%)");
        text.AppendLine(c, $"DurableEcho / Echo unary:      {Ratios["durable_echo_vs_echo_unary"]:P1} (durability alone: group commit and fsync, no routing)");
        text.AppendLine(c, $"OfferCall / DurableEcho:       {Ratios["offer_call_vs_durable_echo"]:P1}");
        text.AppendLine(c, $"AgentSession / EchoStream:     {Ratios["agent_stream_vs_echo_stream"]:P1} (goal: at least 60%)");
        return text.ToString();
    }
}
