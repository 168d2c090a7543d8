using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Routing.Core.Calls;
using Routing.Durability.Tests.Process;
using Routing.Durability.Tests.Simulation;
using Routing.Durability.Tests.Storage;
using Routing.Runtime;
using Routing.Storage;
using Routing.V1;
using Xunit.Abstractions;

namespace Routing.Durability.Tests;

/// <summary>
/// Issue 5, second done-when item: the real server process, SIGKILLed at random moments while several gateways offer
/// calls, restarted each time. Every offer that returned OK must be there exactly once afterwards, with its arrival
/// time, queue and relative order, and the audit chain must verify.
/// </summary>
public sealed class KillNineTests(ITestOutputHelper output)
{
    private const int Rounds = 24;
    private const int Clients = 4;

    /// <summary>Generous: a 2-core machine that may be building something else at the same time.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Both processes read the same wall clock; this is only for rounding between them.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(5);

    private static readonly string[] Words = ["", "I need to book an appointment", "reschedule my visit", "follow-up booking"];

    [Fact]
    public async Task Acknowledged_offers_survive_repeated_SIGKILL_with_arrival_time_place_and_order()
    {
        var total = Stopwatch.StartNew();
        var serverDll = ServerProcess.LocateServerDll();
        var directory = Directory.CreateTempSubdirectory("routing-kill9-");
        var database = Path.Combine(directory.FullName, "routing.db");
        var random = new Random(20261130);
        var acknowledged = new List<Acknowledged>();
        var kills = 0;
        output.WriteLine($"server {serverDll}, journal {database}");
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                if (round % 8 == 4)
                {
                    // Now and then the kill lands while the server is still starting (replaying the journal).
                    using var starting = ServerProcess.Start(serverDll, database);
                    var early = random.Next(0, 600);
                    await Task.Delay(early);
                    await starting.KillHardAsync();
                    kills++;
                    output.WriteLine($"round {round,2}: killed while starting, {early} ms after launch");
                }

                var launched = Stopwatch.StartNew();
                using var server = await StartReadyAsync(serverDll, database);
                var restart = launched.Elapsed;

                // Before the load: a sample of earlier acknowledged offers must still answer with their decision.
                var sample = acknowledged.OrderBy(_ => random.Next()).Take(8).ToList();
                await RetryAsync(server, sample);

                var figures = await LoadAndKillAsync(server, round, random, acknowledged);
                kills++;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round,2}: ready in {restart.TotalMilliseconds,5:F0} ms, {sample.Count} retries ok, killed after {figures.KillDelay,4} ms: {figures.Acknowledged,4} offers acknowledged, {figures.Failed} in flight failed; {acknowledged.Count} acknowledged so far"));
                Assert.True(figures.FailedBeforeKill.Count == 0, "offers failed while the server was up: " + string.Join(", ", figures.FailedBeforeKill.Take(10)));
            }

            Assert.True(kills >= 20, $"only {kills} kills");
            Assert.True(acknowledged.Count >= 50, $"only {acknowledged.Count} offers were acknowledged in {Rounds} rounds: the test proved little");

            // Last life: every acknowledged offer, retried with identical content, answers with its original decision.
            var launchedLast = Stopwatch.StartNew();
            using (var server = await StartReadyAsync(serverDll, database))
            {
                var ready = launchedLast.Elapsed;
                var retrying = Stopwatch.StartNew();
                await RetryAsync(server, acknowledged);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final start: ready in {ready.TotalMilliseconds:F0} ms; {acknowledged.Count} acknowledged offers retried, same decision_sequence each, in {retrying.Elapsed.TotalMilliseconds:F0} ms"));
                var exit = await server.StopGracefullyAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"clean stop (SIGTERM): exit code {exit}");
            }

            await VerifyJournalAsync(serverDll, database, acknowledged);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kills} SIGKILLs, {acknowledged.Count} acknowledged offers, whole test {total.Elapsed.TotalSeconds:F1} s"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private async Task<ServerProcess> StartReadyAsync(string serverDll, string database)
    {
        // A port taken between picking it and binding it makes the server exit: try again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var server = ServerProcess.Start(serverDll, database);
            try
            {
                if (await server.WaitUntilReadyAsync(ReadyTimeout))
                {
                    return server;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException("The server exited before it was ready. Output:\n" + server.RecentOutput());
                }

                output.WriteLine($"server exited before ready (attempt {attempt}); retrying. Output tail: {server.RecentOutput()[^Math.Min(400, server.RecentOutput().Length)..]}");
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>Gateways offer calls without pause; after a random delay the server gets SIGKILL.</summary>
    private static async Task<RoundFigures> LoadAndKillAsync(ServerProcess server, int round, Random random, List<Acknowledged> acknowledged)
    {
        var mine = new List<Acknowledged>();
        var failures = new List<(string CallId, StatusCode Code, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var channel = GrpcChannel.ForAddress(server.GrpcAddress, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) },
                DisposeHttpClient = true,
            });
            var gateway = new CallRoutingService.CallRoutingServiceClient(channel);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var request = new OfferCallRequest
                {
                    CallId = string.Create(CultureInfo.InvariantCulture, $"r{round:D2}-gw{client}-{n:D5}"),
                    GatewayId = $"gw-{client}",
                    ReasonCode = "SCHEDULING",
                    CallerWords = Words[n % Words.Length],
                    ScreenCompleted = true,
                };
                var sent = DateTimeOffset.UtcNow;
                try
                {
                    // No cancellation token: a call in flight at the kill ends as the dead connection makes it end.
                    var response = await gateway.OfferCallAsync(request, deadline: DateTime.UtcNow.AddSeconds(30));
                    var received = DateTimeOffset.UtcNow;
                    lock (mine)
                    {
                        mine.Add(new Acknowledged(round, request, response, sent, received));
                    }
                }
                catch (RpcException ex)
                {
                    // The kill (a failure before it is reported as a problem): this gateway is done for the round.
                    lock (failures)
                    {
                        failures.Add((request.CallId, ex.StatusCode, DateTimeOffset.UtcNow));
                    }

                    return;
                }
            }
        })).ToArray();

        var delay = random.Next(150, 1200);
        await Task.Delay(delay);
        var killedAt = DateTimeOffset.UtcNow;
        await server.KillHardAsync();
        await stop.CancelAsync();
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));
        acknowledged.AddRange(mine);
        return new RoundFigures(
            delay,
            mine.Count,
            failures.Count,
            failures.Where(f => f.At < killedAt).Select(f => $"{f.CallId} {f.Code}").ToList());
    }

    /// <summary>Retries offers with identical content from a few concurrent clients; each must return its original decision.</summary>
    private static async Task RetryAsync(ServerProcess server, IReadOnlyList<Acknowledged> offers)
    {
        var mismatches = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
            var gateway = new CallRoutingService.CallRoutingServiceClient(channel);
            for (var i = client; i < offers.Count; i += Clients)
            {
                var offer = offers[i];
                var again = await gateway.OfferCallAsync(offer.Request, deadline: DateTime.UtcNow.AddSeconds(30));
                if (again.DecisionSequence != offer.Response.DecisionSequence || again.Urgency != offer.Response.Urgency || again.QueueId != offer.Response.QueueId)
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{offer.Request.CallId}: first {offer.Response.DecisionSequence}/{offer.Response.Urgency}/{offer.Response.QueueId}, retry {again.DecisionSequence}/{again.Urgency}/{again.QueueId}");
                    }
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(mismatches.Count == 0, "retried offers answered differently: " + string.Join("; ", mismatches.Take(10)));
    }

    /// <summary>After the clean stop: the file replayed here holds every acknowledged call once, in place and order.</summary>
    private async Task VerifyJournalAsync(string serverDll, string database, List<Acknowledged> acknowledged)
    {
        var options = ServerConfiguration.Load(Path.GetDirectoryName(serverDll)!);
        var replaying = Stopwatch.StartNew();
        Routing.Core.Engine.RoutingState state;
        using (var journal = new SqliteEventJournal(database))
        {
            state = await JournalReplay.RebuildAsync(journal, options);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed {state.LastSequence} events, {state.Calls.Count} calls, in {replaying.Elapsed.TotalMilliseconds:F0} ms"));

        var problems = new List<string>();
        var arrivals = CountArrivals(database);
        foreach (var (callId, count) in arrivals.Where(a => a.Value != 1))
        {
            problems.Add($"call {callId} arrived {count} times");
        }

        var ids = acknowledged.Select(a => a.Request.CallId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(acknowledged.Count, ids.Count);
        foreach (var ack in acknowledged)
        {
            var id = ack.Request.CallId;
            var call = state.FindCall(id);
            if (call is null || arrivals.GetValueOrDefault(id) != 1)
            {
                problems.Add($"acknowledged call {id} (round {ack.Round}) is missing");
                continue;
            }

            if (call.ArrivedAt < ack.Sent - ClockSlack || call.ArrivedAt > ack.Received + ClockSlack)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"call {id} arrived at {call.ArrivedAt:O}, sent {ack.Sent:O}, acknowledged {ack.Received:O}"));
            }

            if (call.Place != CallPlace.Queued || call.QueueId != ack.Response.QueueId || call.QueueId != "scheduling"
                || (int)call.Urgency != (int)ack.Response.Urgency || call.ArrivalOrder != ack.Response.DecisionSequence)
            {
                problems.Add($"call {id} is {call.Place} in {call.QueueId} as {call.Urgency} (arrival {call.ArrivalOrder}); it was acknowledged in {ack.Response.QueueId} as {ack.Response.Urgency} (arrival {ack.Response.DecisionSequence})");
            }
        }

        // Relative order in the queue: the acknowledged calls wait in arrival order (same class, same priority).
        var waiting = StateSnapshot.ParseWaiting(state.Describe())["scheduling"];
        var actual = StateSnapshot.Restrict(waiting, ids);
        var expected = acknowledged.OrderBy(a => a.Response.DecisionSequence).Select(a => a.Request.CallId).ToArray();
        if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            var at = Enumerable.Range(0, Math.Min(actual.Length, expected.Length)).FirstOrDefault(i => actual[i] != expected[i]);
            problems.Add($"the scheduling queue holds {actual.Length} acknowledged calls, expected {expected.Length}; first difference at {at}");
        }

        for (var i = 1; i < actual.Length; i++)
        {
            if (state.FindCall(actual[i])!.ArrivedAt < state.FindCall(actual[i - 1])!.ArrivedAt)
            {
                problems.Add($"call {actual[i]} waits behind {actual[i - 1]} but arrived earlier");
            }
        }

        // The chain, by Routing.Storage's own verifier and by an independent recomputation from the raw tables.
        var verification = new AuditStore(database).Verify();
        if (!verification.Intact)
        {
            problems.Add("AuditStore.Verify: " + verification);
        }

        var chain = AuditChain.Verify(database, out var rows);
        problems.AddRange(chain.Select(p => "audit: " + p));
        var unacknowledged = state.Calls.Count(c => !ids.Contains(c.Id));
        output.WriteLine($"audit chain: AuditStore.Verify {verification}; recomputed {rows} records, {(chain.Count == 0 ? "verifies" : $"{chain.Count} problems")}; {unacknowledged} calls committed but never acknowledged (in flight at a kill)");
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
    }

    private static Dictionary<string, int> CountArrivals(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT call_id, COUNT(*) FROM events WHERE type = 'CallArrived' GROUP BY call_id";
        using var rows = command.ExecuteReader();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (rows.Read())
        {
            counts[rows.GetString(0)] = rows.GetInt32(1);
        }

        return counts;
    }

    private sealed record Acknowledged(int Round, OfferCallRequest Request, OfferCallResponse Response, DateTimeOffset Sent, DateTimeOffset Received);

    private sealed record RoundFigures(int KillDelay, int Acknowledged, int Failed, List<string> FailedBeforeKill);
}
