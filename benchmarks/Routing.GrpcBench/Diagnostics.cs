using System.Diagnostics;
using System.Globalization;
using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Statistics;
using Routing.Core.Triage;
using Routing.Runtime;
using Routing.Storage;

namespace Routing.GrpcBench;

/// <summary>
/// Where the time goes: the same work with layers peeled off. Many one-at-a-time streams instead of a few pipelined
/// ones; the other journal over gRPC; the live server's domain driven in process (no Kestrel, HTTP/2 or gRPC, the
/// real fan-out still behind it); a bare domain with a timed journal and no fan-out (SQLite, then in memory, bare or
/// with a subscriber doing what the fan-out does for statistics); and the engine alone on one thread.
/// </summary>
internal static class Diagnostics
{
    private enum Subscriber
    {
        None,
        Drain,
        Statistics,
    }

    public static async Task<List<PhaseResult>> RunAsync(BenchOptions options, HostedServer echo, HostedServer routing, string runId, Func<PhaseResult, PhaseResult> report)
    {
        var results = new List<PhaseResult>();
        var warmup = options.Warmup;
        var measure = options.DiagnosticMeasure;
        var measuredJournal = options.Journal ?? "Sqlite";

        // The agent stream again, now that the OfferCall phase has left its backlog queued on the server.
        results.Add(report(await Bench.AgentStreamsAsync("AgentSession (gRPC) behind the OfferCall backlog", routing, options, $"bench-late-{runId}-", warmup, measure)));
        await routing.DisposeAsync();
        Settle();

        // Many desktops, one command at a time each (how real desktops behave): group commit can batch across them.
        var many = options with { Streams = options.Concurrency, Window = 1 };
        results.Add(report(await Bench.EchoStreamsAsync($"EchoStream (gRPC), {many.Streams} streams x 1", echo, many)));
        await using (var fresh = await HostedServer.StartRoutingAsync(options.Connections, options.Journal, options.DataDirectory))
        {
            results.Add(report(await Bench.AgentStreamsAsync($"AgentSession (gRPC), {many.Streams} streams x 1", fresh, many, $"bench-many-{runId}-", warmup, measure)));
        }

        Settle();
        RoutingOptions routingOptions = null!;
        TriageRuleSet rules = null!;
        foreach (var journal in new[] { "Sqlite", "InMemory" })
        {
            // A fresh server for each phase, so that none meets another's backlog.
            var tag = journal == "Sqlite" ? "SQLite journal" : "in-memory journal";
            if (journal != measuredJournal)
            {
                await using (var overGrpc = await HostedServer.StartRoutingAsync(options.Connections, journal, options.DataDirectory))
                {
                    results.Add(report(await Bench.AgentStreamsAsync($"AgentSession (gRPC), {tag}", overGrpc, options, $"bench-{journal}-{runId}-", warmup, measure)));
                }

                Settle();
                await using (var overGrpc = await HostedServer.StartRoutingAsync(options.Connections, journal, options.DataDirectory))
                {
                    results.Add(report(await Bench.OfferCallsAsync($"OfferCall (gRPC), {tag}", overGrpc, options, $"{runId}-{journal}-g", warmup, measure)));
                }

                Settle();
            }

            // The server's own domain, driven in process: everything but Kestrel, HTTP/2, gRPC and the mapping.
            await using (var fresh = await HostedServer.StartRoutingAsync(1, journal, options.DataDirectory))
            {
                var internals = fresh.RoutingInternals();
                routingOptions = internals.Options;
                rules = internals.Rules;
                results.Add(report(await AgentTogglesAsync($"Ready/NotReady: server domain, {tag}, {options.Streams} sequential", internals.Domain, options.Streams, $"bench-domain-{journal}-{runId}-", warmup, measure)));
            }

            Settle();
            await using (var fresh = await HostedServer.StartRoutingAsync(1, journal, options.DataDirectory))
            {
                results.Add(report(await OffersAsync($"OfferCall: server domain, {tag}, no gRPC", fresh.RoutingInternals().Domain, options.Concurrency, $"{runId}-{journal}-d", warmup, measure)));
            }

            Settle();
        }

        // A bare domain: no fan-out, no metrics, no sessions; the journal timed.
        await using (var bare = BareDomain.Create(routingOptions, rules, sqliteUnder: options.DataDirectory))
        {
            var result = await AgentTogglesAsync($"Ready/NotReady: bare domain, SQLite journal, {options.Streams} sequential", bare.Domain, options.Streams, $"bench-bare-{runId}-", warmup, measure);
            results.Add(report(result with { Notes = bare.JournalNotes(result.Notes) }));
        }

        Settle();
        await using (var bare = BareDomain.Create(routingOptions, rules, sqliteUnder: options.DataDirectory))
        {
            var result = await OffersAsync("OfferCall: bare domain, SQLite journal", bare.Domain, options.Concurrency, runId + "-q", warmup, measure);
            results.Add(report(result with { Notes = bare.JournalNotes(result.Notes) }));
        }

        // The same with the journal's connection switched to synchronous=OFF (no fsync; never do this in production):
        // what is left is the journal's CPU work per batch (JSON, audit hashes, inserts) without the wait for the disk.
        Settle();
        await using (var bare = BareDomain.Create(routingOptions, rules, sqliteUnder: options.DataDirectory, noFsync: true))
        {
            var result = await OffersAsync("OfferCall: bare domain, SQLite journal without fsync", bare.Domain, options.Concurrency, runId + "-n", warmup, measure);
            results.Add(report(result with { Notes = bare.JournalNotes(result.Notes) }));
        }

        Settle();
        results.Add(report(await InMemoryOffersAsync("OfferCall: bare domain, in memory", routingOptions, rules, options.Concurrency, runId + "-b", Subscriber.None, warmup, measure)));
        Settle();
        results.Add(report(await InMemoryOffersAsync("OfferCall: bare domain, in memory + draining subscriber", routingOptions, rules, options.Concurrency, runId + "-s", Subscriber.Drain, warmup, measure)));
        Settle();
        results.Add(report(await InMemoryOffersAsync("OfferCall: bare domain, in memory + stats subscriber", routingOptions, rules, options.Concurrency, runId + "-t", Subscriber.Statistics, warmup, measure)));
        Settle();
        results.Add(report(await EngineOnlyAsync("OfferCall: engine alone, one thread", routingOptions, rules, runId + "-e", warmup, measure)));
        Settle();
        return results;
    }

    /// <summary>Drops the previous phase's garbage so it is not collected on the next phase's time.</summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static async Task<PhaseResult> OffersAsync(string name, RoutingDomain domain, int concurrency, string prefix, TimeSpan warmup, TimeSpan measure)
    {
        long next = 0;
        var positions = new int[concurrency];
        var round = await Load.ClosedLoopAsync(concurrency, warmup, measure, i => async () =>
        {
            var id = Bench.Offer(prefix, Interlocked.Increment(ref next)).CallId;
            var outcome = await domain.ExecuteAsync(new OfferCall(id, Bench.OfferInput));
            if (outcome.Error is { } error)
            {
                return $"{error.Code}: {error.Message}";
            }

            positions[i] = ((OfferCallReply)outcome.Reply!).Position;
            return null;
        });
        return PhaseResult.From(name, "calls", [round], new Dictionary<string, string>
        {
            ["calls_offered_incl_warmup"] = Interlocked.Read(ref next).ToString(CultureInfo.InvariantCulture),
            ["queue_position_at_end"] = positions.Max().ToString(CultureInfo.InvariantCulture),
        });
    }

    private static async Task<PhaseResult> AgentTogglesAsync(string name, RoutingDomain domain, int agents, string prefix, TimeSpan warmup, TimeSpan measure)
    {
        for (var i = 0; i < agents; i++)
        {
            var login = await domain.ExecuteAsync(new LogIn(prefix + i.ToString(CultureInfo.InvariantCulture), AgentRole.NonClinical, [new AgentSkill("benchmark-only", 1)]));
            if (login.Error is { } error)
            {
                throw new InvalidOperationException($"Login refused: {error.Message}");
            }
        }

        var round = await Load.ClosedLoopAsync(agents, warmup, measure, i =>
        {
            var agentId = prefix + i.ToString(CultureInfo.InvariantCulture);
            long seq = 0;
            return async () =>
            {
                RoutingCommand command = seq++ % 2 == 0 ? new SetReady(agentId) : new SetNotReady(agentId, "benchmark");
                var outcome = await domain.ExecuteAsync(command);
                return outcome.Error is { } error ? $"{error.Code}: {error.Message}" : null;
            };
        });
        return PhaseResult.From(name, "calls", [round]);
    }

    private static async Task<PhaseResult> InMemoryOffersAsync(
        string name, RoutingOptions options, TriageRuleSet rules, int concurrency, string prefix, Subscriber kind, TimeSpan warmup, TimeSpan measure)
    {
        await using var bare = BareDomain.Create(options, rules, sqliteUnder: null);
        var domain = bare.Domain;
        long bursts = 0, events = 0, snapshotTicks = 0, lags = 0;
        var consumer = kind == Subscriber.None ? Task.CompletedTask : Task.Run(async () =>
        {
            // What EventFanout does for dashboards: apply every event, then build a snapshot after each burst; and,
            // like it, after falling too far behind, resume from the journal.
            var statistics = kind == Subscriber.Statistics ? new ServiceLevelStatistics(StatisticsOptions.For(options)) : null;
            var from = 1L;
            while (true)
            {
                using var subscription = domain.Subscribe(from);
                try
                {
                    while (await subscription.Reader.WaitToReadAsync())
                    {
                        while (subscription.Reader.TryRead(out var e))
                        {
                            if (e.Sequence < from)
                            {
                                continue;
                            }

                            statistics?.Apply(e);
                            from = e.Sequence + 1;
                            events++;
                        }

                        bursts++;
                        if (statistics is not null)
                        {
                            var started = Stopwatch.GetTimestamp();
                            statistics.Snapshot(DateTimeOffset.UtcNow);
                            snapshotTicks += Stopwatch.GetTimestamp() - started;
                        }
                    }

                    return;
                }
                catch (SubscriberLaggedException lagged)
                {
                    lags++;
                    from = lagged.ResumeFrom;
                }
            }
        });

        var runStarted = Stopwatch.GetTimestamp();
        var result = await OffersAsync(name, domain, concurrency, prefix, warmup, measure);
        var runSeconds = (double)(Stopwatch.GetTimestamp() - runStarted) / Stopwatch.Frequency;
        await domain.StopAsync();
        await consumer;
        var notes = bare.JournalNotes(result.Notes);
        if (kind != Subscriber.None)
        {
            notes["subscriber_bursts"] = bursts.ToString(CultureInfo.InvariantCulture);
            notes["subscriber_events"] = events.ToString(CultureInfo.InvariantCulture);
            notes["subscriber_lags"] = lags.ToString(CultureInfo.InvariantCulture);
        }

        if (kind == Subscriber.Statistics)
        {
            var snapshotSeconds = (double)snapshotTicks / Stopwatch.Frequency;
            notes["snapshot_avg_us"] = (bursts == 0 ? 0 : snapshotSeconds * 1e6 / bursts).ToString("F0", CultureInfo.InvariantCulture);
            notes["snapshot_time_vs_run_time"] = (snapshotSeconds / runSeconds).ToString("P0", CultureInfo.InvariantCulture);
        }

        return result with { Notes = notes };
    }

    private static Task<PhaseResult> EngineOnlyAsync(string name, RoutingOptions options, TriageRuleSet rules, string prefix, TimeSpan warmup, TimeSpan measure) => Task.Run(() =>
    {
        var engine = new RoutingEngine(options, rules, TimeProvider.System);
        var window = new MeasureWindow(warmup, measure);
        var cpu = CpuUse.DuringAsync(window);
        var recorder = new Recorder();
        long next = 0;
        while (!window.Over)
        {
            var id = Bench.Offer(prefix, ++next).CallId;
            var started = Stopwatch.GetTimestamp();
            var outcome = engine.Execute(new OfferCall(id, Bench.OfferInput));
            if (outcome.Error is { } error)
            {
                recorder.Error($"{error.Code}: {error.Message}");
            }
            else
            {
                recorder.Record(window, started, Stopwatch.GetTimestamp());
            }
        }

        return PhaseResult.From(name, "calls", [new Round(window, [recorder], cpu.GetAwaiter().GetResult(), new Dictionary<string, string>())], new Dictionary<string, string>
        {
            ["calls_offered_incl_warmup"] = next.ToString(CultureInfo.InvariantCulture),
        });
    });

    /// <summary>A routing domain with nothing around it, over a timed journal (a fresh SQLite file, or memory).</summary>
    private sealed class BareDomain : IAsyncDisposable
    {
        private readonly TimedJournal _journal;
        private readonly SqliteEventJournal? _sqlite;
        private readonly string? _directory;
        private readonly long _started = Stopwatch.GetTimestamp();

        private BareDomain(RoutingOptions options, TriageRuleSet rules, SqliteEventJournal? sqlite, string? directory)
        {
            _sqlite = sqlite;
            _directory = directory;
            _journal = new TimedJournal(sqlite is null ? new InMemoryEventJournal() : sqlite);
            Domain = new RoutingDomain(new RoutingEngine(options, rules, TimeProvider.System), _journal, TimeProvider.System, new RoutingDomainOptions { Name = "bench" });
        }

        public RoutingDomain Domain { get; }

        public static BareDomain Create(RoutingOptions options, TriageRuleSet rules, string? sqliteUnder, bool noFsync = false)
        {
            if (sqliteUnder is null)
            {
                return new BareDomain(options, rules, null, null);
            }

            var directory = Path.Combine(Path.GetFullPath(sqliteUnder), "routing-grpcbench-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(directory);
            var journal = new SqliteEventJournal(Path.Combine(directory, "routing.db"));
            if (noFsync)
            {
                // Diagnostic only: reaches the journal's private connection.
                var writer = typeof(SqliteEventJournal).GetField("_writer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(journal) as Microsoft.Data.Sqlite.SqliteConnection
                    ?? throw new InvalidOperationException("SqliteEventJournal._writer not found; has Routing.Storage changed?");
                using var pragma = writer.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous=OFF";
                pragma.ExecuteNonQuery();
            }

            return new BareDomain(options, rules, journal, directory);
        }

        /// <summary>Group commits: how many per second, how many events each, how long the loop waited on each.</summary>
        public Dictionary<string, string> JournalNotes(IReadOnlyDictionary<string, string> notes)
        {
            var seconds = (double)(Stopwatch.GetTimestamp() - _started) / Stopwatch.Frequency;
            var appends = Math.Max(1, _journal.Appends);
            var busy = (double)_journal.Ticks / Stopwatch.Frequency;
            return new Dictionary<string, string>(notes)
            {
                ["journal_appends_per_s"] = (_journal.Appends / seconds).ToString("F0", CultureInfo.InvariantCulture),
                ["journal_events_per_append"] = ((double)_journal.Events / appends).ToString("F1", CultureInfo.InvariantCulture),
                ["journal_append_avg_us"] = (busy * 1e6 / appends).ToString("F0", CultureInfo.InvariantCulture),
                ["journal_share_of_loop_time"] = (busy / seconds).ToString("P0", CultureInfo.InvariantCulture),
            };
        }

        public async ValueTask DisposeAsync()
        {
            await Domain.DisposeAsync();
            _sqlite?.Dispose();
            if (_directory is not null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
