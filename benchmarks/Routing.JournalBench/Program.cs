using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Runtime;
using Routing.Storage;

// Usage: dotnet run -c Release --project benchmarks/Routing.JournalBench -- [--events 1000000] [--queued 10000] [--commands 20000] [--callers 64]
var options = Args.Parse(args);
CommandLatency.Callers = options.Callers;
var dir = Path.Combine(Path.GetTempPath(), "routing-journalbench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(dir);
try
{
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    var latency = await CommandLatency.RunAsync(dir, options.Commands);
    Console.WriteLine(latency);
    var restart = await Restart.RunAsync(dir, options.Events, options.Queued);
    Console.WriteLine(restart);
}
finally
{
    if (Environment.GetEnvironmentVariable("KEEP_JOURNAL") is null)
    {
        Directory.Delete(dir, recursive: true);
    }
    else
    {
        Console.WriteLine($"kept {dir}");
    }
}

internal sealed record Args(int Events, int Queued, int Commands, int Callers)
{
    public static Args Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new Args(Get("--events", 1_000_000), Get("--queued", 10_000), Get("--commands", 20_000), Get("--callers", 64));
    }
}

internal static class Setup
{
    public static RoutingOptions Options() => new()
    {
        Queues =
        [
            new QueueDefinition { Id = "scheduling", RequiredSkills = [new SkillRequirement("scheduling")] },
            new QueueDefinition { Id = "prescriptions", RequiredSkills = [new SkillRequirement("refills")] },
            new QueueDefinition { Id = "billing", RequiredSkills = [new SkillRequirement("billing")] },
            new QueueDefinition { Id = "clinical-triage", Clinical = true },
            new QueueDefinition { Id = "senior-line", RequiredSkills = [new SkillRequirement("seniors")] },
        ],
    };

    public static TriageInput Routine { get; } = new() { ReasonCode = "SCHEDULING", ScreenCompleted = true };
}

/// <summary>OfferCall through the runtime: durable (SQLite, group commit) against in memory, same load, same run.</summary>
internal static class CommandLatency
{
    public static int Callers { get; set; } = 64;

    private static double LastAppendMicros;

    public static async Task<string> RunAsync(string dir, int commands)
    {
        var memory = await MeasureAsync(new InMemoryEventJournal(), commands, "mem", Callers);
        using var sqlite = new SqliteEventJournal(Path.Combine(dir, "latency.db"));
        var durable = await MeasureAsync(sqlite, commands, "dur", Callers);
        var durableAppendMicros = LastAppendMicros;
        return $"""
            OfferCall through the runtime, {commands:N0} calls, {Callers} concurrent callers
              in memory : {memory.Throughput,10:N0} commands/s   p50 {memory.P50,8:N1} us   p99 {memory.P99,8:N1} us
              durable   : {durable.Throughput,10:N0} commands/s   p50 {durable.P50,8:N1} us   p99 {durable.P99,8:N1} us   ({durable.EventsPerSecond:N0} durable events/s, {durable.Appends:N0} commits, {durable.EventsPerSecond / Math.Max(1, durable.Appends / durable.Seconds):N1} events per commit, {durableAppendMicros:N0} us per append)
            """;
    }

    private static async Task<(double Throughput, double P50, double P99, double EventsPerSecond, long Appends, double Seconds)> MeasureAsync(IEventJournal journal, int commands, string prefix, int callers)
    {
        var counting = new CountingJournal(journal);

        // The durable journal is measured the way the domain drives it (prepared on the loop, written by the committer);
        // the in-memory one through the plain interface.
        IEventJournal used = journal is IPreparingJournal ? counting : new PlainCounting(counting);
        var engine = new RoutingEngine(Setup.Options(), TriageRuleSetLoader.LoadDefault(), TimeProvider.System);
        await using var domain = new RoutingDomain(engine, used, TimeProvider.System);
        var latencies = new double[commands];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < commands)
            {
                var t = Stopwatch.GetTimestamp();
                var result = await domain.ExecuteAsync(new OfferCall($"{prefix}-{i}", Setup.Routine));
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(result.Error!.ToString());
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        LastAppendMicros = counting.AppendMicros / Math.Max(1, counting.Appends);
        Array.Sort(latencies);
        return (commands / seconds, latencies[commands / 2], latencies[(int)(commands * 0.99)], counting.Events / seconds, counting.Appends, seconds);
    }

    private sealed class PlainCounting(CountingJournal inner) : IEventJournal
    {
        public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken) => inner.AppendAsync(events, cancellationToken);

        public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => inner.ReadAllAsync(fromSequence, cancellationToken);
    }

    private sealed class CountingJournal(IEventJournal inner) : IPreparingJournal
    {
        public PreparedAppend Prepare(IReadOnlyList<RoutingEvent> events, PreparedAppend? reuse)
        {
            Events += events.Count;
            return ((IPreparingJournal)inner).Prepare(events, reuse);
        }

        public void AppendPrepared(IReadOnlyList<PreparedAppend> batches)
        {
            Appends++;
            var t = Stopwatch.GetTimestamp();
            ((IPreparingJournal)inner).AppendPrepared(batches);
            AppendMicros += Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }

        public long Events;
        public long Appends;
        public double AppendMicros;

        public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken)
        {
            Events += events.Count;
            Appends++;
            var t = Stopwatch.GetTimestamp();
            var r = inner.AppendAsync(events, cancellationToken);
            AppendMicros += Stopwatch.GetElapsedTime(t).TotalMicroseconds;
            return r;
        }

        public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => inner.ReadAllAsync(fromSequence, cancellationToken);
    }
}

/// <summary>Restart: journal N events (ending with a given number of calls still queued), then time the rebuild.</summary>
internal static class Restart
{
    public static async Task<string> RunAsync(string dir, int targetEvents, int queued)
    {
        var path = Path.Combine(dir, "restart.db");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var engine = new RoutingEngine(Setup.Options(), TriageRuleSetLoader.LoadDefault(), time);
        var writeStarted = Stopwatch.GetTimestamp();
        var appendSeconds = 0.0;
        var lastSnapshot = 0L;
        using (var journal = new SqliteEventJournal(path))
        {
            var batch = new List<RoutingEvent>(4096);
            void Run(RoutingCommand c)
            {
                var r = engine.Execute(c);
                if (!r.Succeeded)
                {
                    throw new InvalidOperationException(r.Error!.ToString());
                }

                batch.AddRange(r.Events);
            }

            async Task Flush()
            {
                var t = Stopwatch.GetTimestamp();
                await journal.AppendAsync(batch, CancellationToken.None);
                appendSeconds += Stopwatch.GetElapsedTime(t).TotalSeconds;
                batch.Clear();

                // As the runtime does (RoutingDomainOptions.SnapshotEvery, default 100,000 events).
                if (engine.State.LastSequence - lastSnapshot >= 100_000)
                {
                    journal.SaveSnapshot(engine.State.Capture());
                    lastSnapshot = engine.State.LastSequence;
                }
            }

            for (var a = 0; a < 50; a++)
            {
                Run(new LogIn($"agent-{a}", AgentRole.NonClinical, [new AgentSkill("scheduling", 3)]));
                Run(new SetReady($"agent-{a}"));
            }

            // Full lifecycles until the journal holds the target, leaving the queued calls at the end.
            var n = 0;
            while (engine.State.LastSequence < targetEvents - (queued * 2) - 200)
            {
                var id = $"done-{n++}";
                Run(new OfferCall(id, Setup.Routine));
                var agent = engine.State.FindCall(id)!.AgentId!;
                Run(new AcceptOffer(agent, id));
                time.Advance(TimeSpan.FromSeconds(1));
                Run(new CompleteCall(agent, id));
                Run(new EndWrapUp(agent));
                if (batch.Count >= 2048)
                {
                    await Flush();
                }
            }

            for (var a = 0; a < 50; a++)
            {
                Run(new SetNotReady($"agent-{a}", "end of shift"));
            }

            for (var q = 0; q < queued; q++)
            {
                Run(new OfferCall($"queued-{q}", Setup.Routine));
                if (batch.Count >= 2048)
                {
                    await Flush();
                }
            }

            await Flush();
        }

        var writeSeconds = Stopwatch.GetElapsedTime(writeStarted).TotalSeconds;
        var expected = engine.State.Describe();
        var events = engine.State.LastSequence;

        var started = Stopwatch.GetTimestamp();
        RoutingState state;
        using (var reopened = new SqliteEventJournal(path))
        {
            state = await JournalReplay.RebuildAsync(reopened, Setup.Options());
        }

        var restartSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var identical = state.Describe() == expected;

        // The same journal replayed from the first event (no snapshot): the baseline snapshots are measured against.
        started = Stopwatch.GetTimestamp();
        RoutingState full;
        using (var reopened = new SqliteEventJournal(path))
        {
            full = await JournalReplay.RebuildAsync(new EventsOnly(reopened), Setup.Options());
        }

        var fullSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        identical &= full.Describe() == expected;
        var waiting = state.Queues.Sum(q => q.WaitingCount);
        return $"""
            restart: {events:N0} journaled events, {waiting:N0} calls queued, file {new FileInfo(path).Length / 1048576.0:N0} MiB
              journal written in {writeSeconds:N1} s, of which appends {appendSeconds:N1} s ({events / appendSeconds:N0} durable events/s in commits of ~2,048 events)
              restart from the latest snapshot + tail: {restartSeconds:N2} s; full replay without snapshots: {fullSeconds:N2} s ({events / fullSeconds:N0} events/s)
              both states identical to the live engine: {identical}
            """;
    }

    /// <summary>Hides the snapshot store so the replay reads every event.</summary>
    private sealed class EventsOnly(IEventJournal inner) : IEventJournal
    {
        public ValueTask AppendAsync(IReadOnlyList<RoutingEvent> events, CancellationToken cancellationToken) => inner.AppendAsync(events, cancellationToken);

        public IAsyncEnumerable<RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => inner.ReadAllAsync(fromSequence, cancellationToken);
    }
}
