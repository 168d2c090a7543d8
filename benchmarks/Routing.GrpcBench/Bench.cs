using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Routing.GrpcBench.Echo;
using Routing.V1;

namespace Routing.GrpcBench;

/// <summary>The whole run: both servers up, the four measured phases in alternating rounds, then the diagnostics.</summary>
internal static class Bench
{
    private const string CallerWords = "I need to move my appointment to next week please";

    /// <summary>Echo-stream padding: the size of the agent requests they stand against.</summary>
    public static ByteString StreamPayload { get; } = PaddingFor((AgentRequest(100_000).CalculateSize() + AgentRequest(100_001).CalculateSize()) / 2, "100000");

    /// <summary>Echo unary padding: the size of the OfferCall requests they stand against.</summary>
    public static ByteString UnaryPayload { get; } = PaddingFor(Offer("1800000000-g", 10_000_000).CalculateSize(), "10000000");

    public static Core.Triage.TriageInput OfferInput { get; } = new()
    {
        ReasonCode = "SCHEDULING",
        CallerWords = CallerWords,
        ScreenCompleted = true,
    };

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Read();
        var runId = startedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"Routing.GrpcBench {startedAt:yyyy-MM-dd HH:mm:ss} UTC: {machine.ProcessorCount} cores ({machine.Cpu}), {machine.Os}, {machine.Runtime}, server GC {machine.ServerGc}");
        Console.WriteLine($"Clients, the echo server and the Routing server share these {machine.ProcessorCount} cores in this one process.");
        Console.WriteLine($"Each pair of phases: {options.WarmupSeconds} s warm-up each, then {options.Rounds} alternating rounds, {options.Seconds} s measured each in all; " +
            $"{options.Concurrency} unary callers, {options.Streams} streams x {options.Window} in flight, {options.Connections} connection(s) per server.");

        var diskBefore = DiskProbe.Measure(options.DataDirectory);
        Console.WriteLine($"disk: {diskBefore}");
        var results = new List<PhaseResult>();
        var diagnostics = new List<PhaseResult>();
        await using var echo = await HostedServer.StartEchoAsync(options.Connections, options.DataDirectory, options.DurableRows, options.DurableBytes);
        var routing = await HostedServer.StartRoutingAsync(options.Connections, options.Journal, options.DataDirectory);
        try
        {
            Console.WriteLine($"echo server    {echo.Address} (DurableEcho: {options.DurableRows} row(s) of {(options.DurableBytes == 0 ? "the request's payload" : options.DurableBytes + " B")} per request, SQLite WAL, synchronous=FULL, group commit)");
            Console.WriteLine($"Routing server {routing.Address} (journal: {routing.JournalKind}, files under {options.DataDirectory})");
            Console.WriteLine($"request sizes: OfferCallRequest {Offer(runId + "-g", 10_000_000).CalculateSize()} B vs EchoRequest {new EchoRequest { Id = "10000000", Payload = UnaryPayload }.CalculateSize()} B; " +
                $"AgentSessionRequest ~{(AgentRequest(100_000).CalculateSize() + AgentRequest(100_001).CalculateSize()) / 2} B vs EchoRequest {new EchoRequest { Id = "100000", Payload = StreamPayload }.CalculateSize()} B");
            Console.WriteLine();

            // Streams first: echo, and agent sessions (ad-hoc NON_CLINICAL agents whose only skill no queue asks for, so
            // no call is ever offered to them and every command is a plain state toggle). They run before OfferCall so
            // the agents meet an empty queue; a diagnostic repeats them behind the OfferCall backlog.
            if (options.Runs("echo-stream") || options.Runs("agent-stream"))
            {
                var agents = new AgentLoad(routing, options.Streams, options.Window, $"bench-agent-{runId}-");
                results.AddRange(await AlternateAsync(
                    options,
                    "messages",
                    options.Runs("echo-stream") ? ("EchoStream (gRPC)", (w, m) => EchoStreamRoundAsync(echo, options.Streams, options.Window, w, m)) : null,
                    options.Runs("agent-stream") ? ("AgentSession (gRPC)", agents.RoundAsync) : null));
            }

            // Unary: echo; durable echo (the same, answered once the request is fsync'd in a group commit: the floor of
            // any durable server); and OfferCall (ROUTINE scheduling calls with unique ids; they queue and nobody
            // answers them).
            if (options.Runs("echo") || options.Runs("durable-echo") || options.Runs("offer"))
            {
                var offers = new OfferLoad(routing, options.Concurrency, runId + "-g");
                results.AddRange(await AlternateAsync(
                    options,
                    "calls",
                    options.Runs("echo") ? ("Echo (gRPC)", (w, m) => EchoUnaryRoundAsync(echo, options.Concurrency, durable: false, w, m)) : null,
                    options.Runs("durable-echo") ? ("DurableEcho (gRPC)", (w, m) => EchoUnaryRoundAsync(echo, options.Concurrency, durable: true, w, m)) : null,
                    options.Runs("offer") ? ("OfferCall (gRPC)", offers.RoundAsync) : null));
            }

            if (options.Diagnostics && options.Runs("diag"))
            {
                Console.WriteLine();
                Console.WriteLine("Diagnostics (where the time goes), one round each:");
                diagnostics.AddRange(await Diagnostics.RunAsync(options, echo, routing, runId, Report));
            }
        }
        finally
        {
            await routing.DisposeAsync();
        }

        var diskAfter = DiskProbe.Measure(options.DataDirectory);
        Console.WriteLine($"disk at the end: {diskAfter}");
        string[] order = ["Echo (gRPC)", "DurableEcho (gRPC)", "OfferCall (gRPC)", "EchoStream (gRPC)", "AgentSession (gRPC)"];
        results = [.. results.OrderBy(r => Array.IndexOf(order, r.Name))];
        var summary = Summary.Build(options, machine, startedAt, [diskBefore, diskAfter], results, diagnostics);
        Console.WriteLine();
        Console.WriteLine(summary.Table());
        var json = summary.ToJson();
        Console.WriteLine(json);
        if (options.JsonOut is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }

        return results.All(r => r.Count > 0) ? 0 : 1;
    }

    public static OfferCallRequest Offer(string prefix, long n) => new()
    {
        CallId = string.Create(CultureInfo.InvariantCulture, $"bench-{prefix}-{n:D8}"),
        GatewayId = "bench-gateway",
        ReasonCode = "SCHEDULING",
        CallerWords = CallerWords,
        ScreenCompleted = true,
    };

    public static AgentSessionRequest AgentRequest(long seq)
    {
        var request = new AgentSessionRequest { RequestId = seq.ToString(CultureInfo.InvariantCulture) };
        if (seq % 2 == 0)
        {
            request.Ready = new ReadyCommand();
        }
        else
        {
            request.NotReady = new NotReadyCommand { Reason = "benchmark" };
        }

        return request;
    }

    /// <summary>One round of OfferCall against a fresh or given server (diagnostics).</summary>
    public static async Task<PhaseResult> OfferCallsAsync(string name, HostedServer routing, BenchOptions options, string prefix, TimeSpan warmup, TimeSpan measure)
    {
        var load = new OfferLoad(routing, options.Concurrency, prefix);
        return PhaseResult.From(name, "calls", [await load.RoundAsync(warmup, measure)]);
    }

    /// <summary>One round of agent streams (diagnostics).</summary>
    public static async Task<PhaseResult> AgentStreamsAsync(string name, HostedServer routing, BenchOptions options, string agentPrefix, TimeSpan warmup, TimeSpan measure)
    {
        var load = new AgentLoad(routing, options.Streams, options.Window, agentPrefix);
        return PhaseResult.From(name, "messages", [await load.RoundAsync(warmup, measure)]);
    }

    /// <summary>One round of echo streams (diagnostics).</summary>
    public static async Task<PhaseResult> EchoStreamsAsync(string name, HostedServer echo, BenchOptions options) =>
        PhaseResult.From(name, "messages", [await EchoStreamRoundAsync(echo, options.Streams, options.Window, options.Warmup, options.DiagnosticMeasure)]);

    public static PhaseResult Report(PhaseResult r)
    {
        var reopened = r.Notes.TryGetValue("streams_reopened_after_server_closed_them", out var n) && n != "0" ? $"; {n} stream(s) reopened after the server closed them" : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Name,-58} {r.PerSecond,9:N0} {r.Unit}/s  p50 {r.P50Micros,7:N0} us  p99 {r.P99Micros,7:N0} us  errors {r.Errors}{(r.FirstError is null ? string.Empty : " (" + r.FirstError + ")")}{reopened}  [cpu: {r.Cpu}]"));
        return r;
    }

    /// <summary>
    /// Phases measured in alternating rounds (A B C, C B A, A B C, ...) after an unmeasured warm-up of each, so that all
    /// see the same machine: on a shared machine, other processes' load then falls on them alike. Null phases are skipped.
    /// </summary>
    private static async Task<IReadOnlyList<PhaseResult>> AlternateAsync(
        BenchOptions options,
        string unit,
        params (string Name, Func<TimeSpan, TimeSpan, Task<Round>> Run)?[] wanted)
    {
        var phases = wanted.Where(p => p is not null).Select(p => p!.Value).ToArray();
        foreach (var phase in phases)
        {
            await WithinAsync(phase.Name, "warm-up", phase.Run(TimeSpan.Zero, options.Warmup), options.Warmup);
        }

        var perRound = options.Measure / options.Rounds;
        var ramp = TimeSpan.FromMilliseconds(250);
        var rounds = phases.Select(_ => new List<Round>()).ToArray();
        for (var r = 0; r < options.Rounds; r++)
        {
            for (var k = 0; k < phases.Length; k++)
            {
                var index = r % 2 == 0 ? k : phases.Length - 1 - k;
                rounds[index].Add(await WithinAsync(phases[index].Name, $"round {r + 1}", phases[index].Run(ramp, perRound), ramp + perRound));
            }
        }

        return phases.Select((p, i) => Report(PhaseResult.From(p.Name, unit, rounds[i]))).ToArray();
    }

    /// <summary>
    /// A round that has not finished a minute after its load stopped is waiting for a reply that will not come: stop
    /// with the phase's name rather than hang (once, in ~20 full runs, a run hung with every thread idle).
    /// </summary>
    private static async Task<Round> WithinAsync(string phase, string what, Task<Round> round, TimeSpan load)
    {
        try
        {
            return await round.WaitAsync(load + TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{phase}, {what}: still waiting for replies a minute after the load stopped. A reply was lost (server or client); rerun, and report the phase.");
        }
    }

    private static async Task<Round> EchoUnaryRoundAsync(HostedServer echo, int concurrency, bool durable, TimeSpan warmup, TimeSpan measure)
    {
        long next = 0;
        var log = echo.App.Services.GetRequiredService<DurableEchoLog>();
        var before = log.Counts;
        var round = await Load.ClosedLoopAsync(concurrency, warmup, measure, i =>
        {
            var client = new EchoService.EchoServiceClient(echo.Channel(i));
            return async () =>
            {
                try
                {
                    var id = Interlocked.Increment(ref next).ToString("D8", CultureInfo.InvariantCulture);
                    var request = new EchoRequest { Id = id, Payload = UnaryPayload };
                    using var call = durable ? client.DurableEchoAsync(request) : client.EchoAsync(request);
                    await call.ResponseAsync;
                    return null;
                }
                catch (RpcException ex)
                {
                    return $"{ex.StatusCode}: {ex.Status.Detail}";
                }
            };
        });
        if (!durable)
        {
            return round;
        }

        // How much each fsync was shared (the summary keeps the last round's figures, ramp included).
        var after = log.Counts;
        var commits = after.Commits - before.Commits;
        return round with
        {
            Notes = new Dictionary<string, string>
            {
                ["last_round_commits"] = commits.ToString(CultureInfo.InvariantCulture),
                ["last_round_rows_per_commit"] = commits == 0 ? "0" : ((double)(after.Rows - before.Rows) / commits).ToString("F1", CultureInfo.InvariantCulture),
            },
        };
    }

    private static Task<Round> EchoStreamRoundAsync(HostedServer echo, int streams, int window, TimeSpan warmup, TimeSpan measure) =>
        Load.PipelinedStreamsAsync(streams, window, warmup, measure, new StreamDriver<EchoRequest, EchoResponse>
        {
            Open = i => new EchoService.EchoServiceClient(echo.Channel(i)).EchoStream(),
            Request = (_, seq) => new EchoRequest { Id = seq.ToString(CultureInfo.InvariantCulture), Payload = StreamPayload },
            Match = response => (long.Parse(response.Id, CultureInfo.InvariantCulture), null),
        });

    /// <summary>Padding that makes an EchoRequest with an id like <paramref name="sampleId"/> about <paramref name="targetSize"/> bytes.</summary>
    private static ByteString PaddingFor(int targetSize, string sampleId)
    {
        var bare = new EchoRequest { Id = sampleId }.CalculateSize();
        var length = Math.Max(0, targetSize - bare - 2);
        return ByteString.CopyFrom(new byte[length]);
    }

    /// <summary>OfferCall load on one server; call ids stay unique across its rounds.</summary>
    private sealed class OfferLoad(HostedServer routing, int concurrency, string prefix)
    {
        private readonly int[] _positions = new int[concurrency];
        private long _next;
        private string _decision = string.Empty;

        public async Task<Round> RoundAsync(TimeSpan warmup, TimeSpan measure)
        {
            var round = await Load.ClosedLoopAsync(concurrency, warmup, measure, i =>
            {
                var client = new CallRoutingService.CallRoutingServiceClient(routing.Channel(i));
                return async () =>
                {
                    try
                    {
                        using var call = client.OfferCallAsync(Offer(prefix, Interlocked.Increment(ref _next)));
                        var response = await call.ResponseAsync;
                        _positions[i] = response.Position;
                        if (i == 0 && _decision.Length == 0)
                        {
                            _decision = $"{response.Urgency} in {response.QueueId}";
                        }

                        return null;
                    }
                    catch (RpcException ex)
                    {
                        return $"{ex.StatusCode}: {ex.Status.Detail}";
                    }
                };
            });
            return round with
            {
                Notes = new Dictionary<string, string>
                {
                    ["decision"] = _decision,
                    ["calls_offered_incl_warmup"] = Interlocked.Read(ref _next).ToString(CultureInfo.InvariantCulture),
                    ["queue_position_at_end"] = _positions.Max().ToString(CultureInfo.InvariantCulture),
                },
            };
        }
    }

    /// <summary>Agent-session load on one server: the same agents log in again on every round's new streams.</summary>
    private sealed class AgentLoad(HostedServer routing, int streams, int window, string agentPrefix)
    {
        public Task<Round> RoundAsync(TimeSpan warmup, TimeSpan measure) =>
            Load.PipelinedStreamsAsync(streams, window, warmup, measure, new StreamDriver<AgentSessionRequest, AgentSessionResponse>
            {
                Open = i => new AgentService.AgentServiceClient(routing.Channel(i)).AgentSession(),
                Prologue = LogInAsync,
                Request = (_, seq) => AgentRequest(seq),
                Match = response => response.EventCase switch
                {
                    AgentSessionResponse.EventOneofCase.CommandAccepted => (long.Parse(response.CommandAccepted.RequestId, CultureInfo.InvariantCulture), null),
                    AgentSessionResponse.EventOneofCase.CommandRejected => (long.Parse(response.CommandRejected.RequestId, CultureInfo.InvariantCulture), $"{response.CommandRejected.Code}: {response.CommandRejected.Message}"),
                    _ => null,
                },
            });

        private async Task LogInAsync(int i, AsyncDuplexStreamingCall<AgentSessionRequest, AgentSessionResponse> call)
        {
            await call.RequestStream.WriteAsync(new AgentSessionRequest
            {
                RequestId = "login",
                Login = new LoginCommand
                {
                    AgentId = agentPrefix + i.ToString(CultureInfo.InvariantCulture),
                    Role = AgentRole.NonClinical,
                    Skills = { new AgentSkill { Name = "benchmark-only", Proficiency = 1 } },
                },
            });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var response = call.ResponseStream.Current;
                if (response.CommandRejected is { RequestId: "login" } rejected)
                {
                    throw new InvalidOperationException($"Login refused: {rejected.Code} {rejected.Message}");
                }

                if (response.CommandAccepted is { RequestId: "login" })
                {
                    return;
                }
            }

            throw new InvalidOperationException("The agent stream ended during login.");
        }
    }
}
