using System.Globalization;
using System.Security.Cryptography;
using Grpc.Core;
using Grpc.Net.Client;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// Drives a running Routing server through its public gRPC API only: gateway sessions open and acknowledging, agent
/// and clinician desks taking calls, callers hanging up when their patience runs out, and the measured OfferCalls
/// sent open loop step after step (fixed rates, or a --find-max search).
/// </summary>
internal static class StressRun
{
    /// <summary>The clinicians of the server's default roster (src/Routing.Server/appsettings.json); a clinician must be on the roster.</summary>
    public static readonly IReadOnlyList<string> RosterClinicians = ["nurse-01", "nurse-02", "nurse-03", "nurse-04", "doctor-01"];

    private static readonly TimeSpan LoginPatience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan LogoutPatience = TimeSpan.FromSeconds(10);

    public static async Task<StressReport> RunAsync(StressOptions options, TextWriter progress, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var runId = NewRunId();
        var startedAt = DateTimeOffset.UtcNow;

        // OfferCalls get their own connections so that the sessions' long-lived streams never take their HTTP/2 slots.
        using var loadChannel = Channel(options.Server);
        using var controlChannel = Channel(options.Server);
        var offers = new CallRoutingService.CallRoutingServiceClient(loadChannel);
        var control = new CallRoutingService.CallRoutingServiceClient(controlChannel);
        await ProbeAsync(control, options.Server, runId);
        progress.WriteLine($"stress run {runId} against {options.Server}: call ids stress-{runId}-NNNNNNNNN");

        var traffic = new Tally();
        var gateways = Enumerable.Range(1, options.Gateways)
            .Select(i => new SimulatedGateway(control, string.Create(CultureInfo.InvariantCulture, $"stress-{runId}-gw-{i}"), traffic))
            .ToDictionary(g => g.GatewayId, StringComparer.Ordinal);
        foreach (var gateway in gateways.Values)
        {
            gateway.Start();
        }

        var clock = new StopwatchClock();
        using var stopPatience = new CancellationTokenSource();
        using var stopAgents = new CancellationTokenSource();
        using var abortAgents = new CancellationTokenSource();
        var patience = options.Patience > TimeSpan.Zero
            ? new CallerPatience(control, gateways, clock, options.Patience, options.Timeout, traffic)
            : null;
        var patienceTask = patience?.RunAsync(stopPatience.Token) ?? Task.CompletedTask;
        var desks = new List<SimulatedAgent>();
        var agentTasks = new List<Task>();
        var steps = new List<JudgedStep>();
        string? stopReason = null;
        try
        {
            await LogInAgentsAsync(options, runId, controlChannel, traffic, desks, agentTasks, progress, stopAgents.Token, abortAgents.Token);
            var mix = new CallMix(options.Mix, options.Seed, runId, [.. gateways.Keys]);
            var sender = new OfferCallSender(offers, mix, options.Timeout, patience, traffic);
            var runner = new StepRunner(clock, sender, options.MaxInFlight, options.Timeout + TimeSpan.FromSeconds(2), progress, new CpuMeter(options.ServerPid));
            var criteria = new SustainCriteria(options.P99LimitMs, options.MaxErrorFraction);
            await PrimeAsync(runner, options, progress, cancel);
            if (options.FindMax)
            {
                var search = new MaxRateSearch(options.Rates[0], options.Growth, maxSteps: options.MaxSteps);
                while (!cancel.IsCancellationRequested && search.NextRate() is { } rate)
                {
                    var step = await RunStepAsync(runner, criteria, options, steps.Count + 1, rate, progress, cancel);
                    steps.Add(step);
                    if (!step.Result.Cancelled)
                    {
                        search.Record(rate, step.Passed);
                    }
                }

                stopReason = cancel.IsCancellationRequested ? "interrupted" : search.StopReason;
            }
            else
            {
                foreach (var rate in options.Rates)
                {
                    if (cancel.IsCancellationRequested)
                    {
                        break;
                    }

                    steps.Add(await RunStepAsync(runner, criteria, options, steps.Count + 1, rate, progress, cancel));
                }
            }
        }
        finally
        {
            progress.WriteLine("stopping: hanging up routine callers still waiting, logging agents out");
            await stopPatience.CancelAsync();
            await patienceTask;
            await stopAgents.CancelAsync();
            var desksDone = Task.WhenAll(agentTasks);
            if (await Task.WhenAny(desksDone, Task.Delay(LogoutPatience, CancellationToken.None)) != desksDone)
            {
                await abortAgents.CancelAsync();
            }

            await desksDone;
            foreach (var desk in desks)
            {
                desk.Dispose();
            }

            patience?.Dispose();
            foreach (var gateway in gateways.Values)
            {
                await gateway.DisposeAsync();
            }
        }

        var (sustained, failed) = MaxRateSearch.Bracket(steps.Where(s => !s.Result.Cancelled).Select(s => (s.Result.TargetRate, s.Passed)));
        return new StressReport
        {
            RunId = runId,
            StartedAt = startedAt,
            FinishedAt = DateTimeOffset.UtcNow,
            Options = options,
            Steps = steps,
            HighestSustainedRate = sustained,
            LowestFailedRate = failed,
            SearchStopReason = stopReason,
            Cancelled = cancel.IsCancellationRequested,
            Traffic = traffic.Snapshot(),
        };
    }

    private static async Task<JudgedStep> RunStepAsync(StepRunner runner, SustainCriteria criteria, StressOptions options, int index, double rate, TextWriter progress, CancellationToken cancel)
    {
        var step = new LoadStep(index, rate, options.Warmup, options.StepDuration);
        var offsets = ArrivalSchedule.Offsets(rate, step.Length, options.Arrivals, new Random(ArrivalSchedule.SeedFor(options.Seed, index)));
        var startedAt = DateTimeOffset.UtcNow;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {index} at {startedAt:HH:mm:ss} UTC: {rate:0.##} calls/s offered, {options.Warmup.TotalSeconds:0.#} s warm-up + {options.StepDuration.TotalSeconds:0.#} s measured"));

        // The dispatcher gets a thread of its own: it sleeps between sends and must not queue behind pool work.
        var result = await Task.Factory.StartNew(() => runner.Run(step, offsets, cancel), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var (passed, verdict) = criteria.Judge(result);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"step {index}: {result.AchievedRate:0.#}/s done, p50 {result.Latency.P50:0.###} ms, p99 {result.Latency.P99:0.###} ms, max {result.Latency.Max:0.###} ms, errors {result.ErrorCount}, behind schedule {result.BehindSchedule} -> {(passed ? "sustained" : "not sustained")} ({verdict})"));
        return new JudgedStep(result, passed, verdict, startedAt);
    }

    /// <summary>
    /// Load at the first rate, measured by nobody: a freshly started server runs its first seconds on unoptimised
    /// (tier-0) code and cold pools, which would fail the first step for reasons that have nothing to do with load.
    /// </summary>
    private static async Task PrimeAsync(StepRunner runner, StressOptions options, TextWriter progress, CancellationToken cancel)
    {
        if (options.Prime <= TimeSpan.Zero || cancel.IsCancellationRequested)
        {
            return;
        }

        var rate = options.Rates[0];
        var prime = new LoadStep(0, rate, options.Prime, TimeSpan.Zero);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"priming at {DateTimeOffset.UtcNow:HH:mm:ss} UTC: {rate:0.##} calls/s for {options.Prime.TotalSeconds:0.#} s, not measured"));
        var offsets = ArrivalSchedule.Offsets(rate, prime.Length, options.Arrivals, new Random(ArrivalSchedule.SeedFor(options.Seed, 0)));
        await Task.Factory.StartNew(() => runner.Run(prime, offsets, cancel), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static async Task LogInAgentsAsync(
        StressOptions options, string runId, GrpcChannel channel, Tally traffic, List<SimulatedAgent> desks, List<Task> tasks, TextWriter progress, CancellationToken stop, CancellationToken abort)
    {
        var client = new AgentService.AgentServiceClient(channel);
        for (var i = 1; i <= options.Agents; i++)
        {
            // Ad-hoc non-clinical ids, new each run; skills for the three administrative queues of the default config.
            desks.Add(new SimulatedAgent(
                client,
                string.Create(CultureInfo.InvariantCulture, $"stress-{runId}-agent-{i:D3}"),
                AgentRole.NonClinical,
                [new AgentSkill { Name = "scheduling", Proficiency = 3 }, new AgentSkill { Name = "refills", Proficiency = 3 }, new AgentSkill { Name = "billing", Proficiency = 3 }],
                options.HandleTime,
                traffic));
        }

        foreach (var clinician in RosterClinicians.Take(options.Clinicians))
        {
            desks.Add(new SimulatedAgent(client, clinician, AgentRole.Clinician, [], options.HandleTime, traffic));
        }

        var loggedIn = new List<Task>();
        foreach (var desk in desks)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            loggedIn.Add(done.Task);
            tasks.Add(Task.Run(() => desk.RunAsync(done, LoginPatience, stop, abort), CancellationToken.None));
        }

        if (desks.Count == 0)
        {
            return;
        }

        progress.WriteLine($"logging in {options.Agents} agent(s) and {Math.Min(options.Clinicians, RosterClinicians.Count)} clinician(s)");
        await Task.WhenAll(loggedIn);
    }

    /// <summary>An EndCall for a call id nobody used: NOT_FOUND proves the server answers, and changes nothing.</summary>
    private static async Task ProbeAsync(CallRoutingService.CallRoutingServiceClient client, Uri server, string runId)
    {
        try
        {
            await client.EndCallAsync(
                new EndCallRequest { CallId = $"stress-{runId}-probe", GatewayId = "stress-probe", Reason = EndCallReason.CallerHungUp },
                deadline: DateTime.UtcNow.AddSeconds(10));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return;
        }
        catch (RpcException ex)
        {
            throw new InvalidOperationException($"cannot reach a Routing server at {server}: {ex.StatusCode} {ex.Status.Detail}", ex);
        }
    }

    private static GrpcChannel Channel(Uri server) => GrpcChannel.ForAddress(server, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            // Kestrel allows 100 concurrent streams per connection; open loop has thousands in flight at high rates,
            // and queueing them inside the client would hide the server's latency behind the client's.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        },
    });

    /// <summary>UTC time to the second plus 16 random bits: unique across reruns against the same server.</summary>
    private static string NewRunId() => string.Create(
        CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyyMMddHHmmss}-{RandomNumberGenerator.GetInt32(0x10000):x4}");
}
