using System.Globalization;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Durability.Tests.Storage;
using Routing.Runtime;
using Routing.Storage;

namespace Routing.Durability.Tests.Simulation;

/// <summary>
/// Checks the durable store after a crash against what callers were told. Collects every violation (with the seed)
/// instead of stopping at the first, so one failing seed explains itself.
/// </summary>
internal sealed class CrashVerifier(int seed, RoutingOptions options, IDurableStore store, List<DurableBatch> durable, List<CommandRecord> records)
{
    // The store prefix verified after earlier crashes: replaying it again gives the same states, so its appends are
    // not described again once its events are shown unchanged.
    private readonly List<RoutingEvent> _verifiedEvents = [];
    private int _verifiedBatches;

    public List<string> Violations { get; } = [];

    /// <summary>Acknowledged offers that created a call, over all cycles so far (for the figures).</summary>
    public int AcknowledgedCalls { get; private set; }

    public void Expect(bool condition, string message)
    {
        if (!condition)
        {
            Violations.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {message}"));
        }
    }

    public async Task VerifyAsync(int cycle, CrashingJournal journal, RoutingEngine live, Exception? fault)
    {
        CheckHowItEnded(cycle, journal, live, fault);

        var events = new List<RoutingEvent>();
        await foreach (var e in store.Journal.ReadAllAsync(1, CancellationToken.None))
        {
            events.Add(e);
        }

        var lastDurable = durable.Count > 0 ? durable[^1].LastSequence : 0;
        Expect(events.Count == lastDurable, $"cycle {cycle}: the store holds {events.Count} events, the durable batches end at {lastDurable}");
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Sequence != i + 1)
            {
                Expect(false, $"cycle {cycle}: event {i + 1} of the store has sequence {events[i].Sequence}");
                return;
            }

            if (i < _verifiedEvents.Count && !SameEvent(_verifiedEvents[i], events[i]))
            {
                Expect(false, $"cycle {cycle}: event {i + 1} of the store changed since the last restart");
                return;
            }
        }

        // Replay the store alone; at every durable append the state must be the live engine's at that append, which
        // is what the batch's callers were told.
        var replay = new RoutingState(options);
        var atArrival = new Dictionary<string, CallView>(StringComparer.Ordinal);
        var batchOf = new Dictionary<long, DurableBatch>();
        var b = 0;
        foreach (var e in events)
        {
            try
            {
                replay.Apply(e);
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or ArgumentException)
            {
                Expect(false, $"cycle {cycle}: replaying event {e.Sequence} ({e.GetType().Name}) failed: {ex.Message}");
                return;
            }

            while (b < durable.Count && durable[b].LastSequence == e.Sequence)
            {
                var batch = durable[b++];
                if (b > _verifiedBatches)
                {
                    var text = replay.Describe();
                    Expect(text == batch.Snapshot.Text, $"cycle {cycle}: replay through event {e.Sequence} differs from the live engine at that append: {FirstDifference(batch.Snapshot.Text, text)}");
                }

                for (var s = batch.FirstSequence; s <= batch.LastSequence; s++)
                {
                    if (events[(int)s - 1] is CallArrived arrived)
                    {
                        var call = replay.FindCall(arrived.CallId)!;
                        atArrival[arrived.CallId] = new CallView(call.Id, call.ArrivedAt, call.ArrivalOrder, call.Urgency, call.QueueId, call.Place, call.AgentId);
                        batchOf[arrived.Sequence] = batch;
                    }
                }
            }
        }

        Expect(b == durable.Count, $"cycle {cycle}: only {b} of {durable.Count} durable appends were found in the store");
        _verifiedBatches = b;
        _verifiedEvents.Clear();
        _verifiedEvents.AddRange(events);
        var rebuilt = await JournalReplay.RebuildAsync(store.Journal, options);
        Expect(rebuilt.Describe() == replay.Describe(), $"cycle {cycle}: JournalReplay.RebuildAsync differs from replaying event by event");

        // Every event an acknowledged command caused is in the store, as it was.
        foreach (var record in records.Where(r => r.Acknowledged && r.Result!.Events.Count > 0))
        {
            foreach (var e in record.Result!.Events)
            {
                if (e.Sequence > events.Count || !SameEvent(events[(int)e.Sequence - 1], e))
                {
                    Expect(false, $"cycle {cycle}: event {e.Sequence} ({e.GetType().Name}) of acknowledged {record} is not in the store as it was");
                    break;
                }
            }
        }

        CheckOffers(cycle, events, rebuilt, atArrival, batchOf, journal.Crash);
        CheckOutcomes(cycle, journal);
        if (store.Path is { } path)
        {
            var problems = AuditChain.Verify(path, out _);
            Expect(problems.Count == 0, $"cycle {cycle}: the audit chain does not verify: {string.Join("; ", problems.Take(5))}");
            var verification = new AuditStore(path).Verify();
            Expect(verification.Intact, $"cycle {cycle}: AuditStore.Verify: {verification}");
        }
    }

    private void CheckHowItEnded(int cycle, CrashingJournal journal, RoutingEngine live, Exception? fault)
    {
        var crash = journal.Crash;
        if (crash is null)
        {
            Expect(fault is null, $"cycle {cycle}: the domain faulted with no crash: {fault?.InnerException}");
            Expect(durable.Count == 0 || live.State.Describe() == durable[^1].Snapshot.Text, $"cycle {cycle}: after a clean stop the live engine is not the last durable state");
            return;
        }

        Expect(fault is not null, $"cycle {cycle}: the journal crashed but the domain completed normally");
        var cause = fault?.InnerException;
        if (crash.Mode == CrashMode.DisposeJournal)
        {
            Expect(!journal.AppendAfterDisposeSucceeded, $"cycle {cycle}: an append on a disposed SqliteEventJournal returned normally");
            Expect(cause is not null and not SimulatedCrashException, $"cycle {cycle}: the disposed journal's append did not fail by itself: {cause}");
        }
        else
        {
            Expect(cause is SimulatedCrashException, $"cycle {cycle}: the domain stopped for another cause than the crash: {cause}");
        }

        // The crashed batch had executed: the live engine is exactly as it was when the batch went to the journal.
        Expect(live.State.Describe() == crash.Snapshot.Text, $"cycle {cycle}: the live engine changed after the crash");
    }

    private void CheckOffers(int cycle, List<RoutingEvent> events, RoutingState rebuilt, Dictionary<string, CallView> atArrival, Dictionary<long, DurableBatch> batchOf, CrashedBatch? crash)
    {
        var arrivals = events.OfType<CallArrived>().GroupBy(a => a.CallId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (callId, list) in arrivals.Where(a => a.Value.Count > 1))
        {
            Expect(false, $"cycle {cycle}: call {callId} arrived {list.Count} times");
        }

        var lastAcknowledged = durable.LastOrDefault(d => d.Acknowledged)?.LastSequence ?? 0;
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var created = new HashSet<(string, long)>();
        foreach (var record in records.Where(r => r is { Command: OfferCall, Result.Succeeded: true }))
        {
            var offer = (OfferCall)record.Command;
            var reply = (OfferCallReply)record.Result!.Reply!;
            acknowledged.Add(offer.CallId);
            if (!reply.Duplicate)
            {
                created.Add((offer.CallId, reply.Sequence));
                Expect(
                    record.Result.Events.OfType<CallArrived>().Any(a => a.CallId == offer.CallId && a.Sequence == reply.Sequence),
                    $"cycle {cycle}: {record}: the reply's sequence is not its arrival event");
            }

            if (!arrivals.TryGetValue(offer.CallId, out var list))
            {
                Expect(false, $"cycle {cycle}: acknowledged call {offer.CallId} (arrival {reply.Sequence}) is not in the store");
                continue;
            }

            var arrival = list[0];
            Expect(arrival.Sequence == reply.Sequence, $"cycle {cycle}: call {offer.CallId} was acknowledged with arrival {reply.Sequence}, the store has {arrival.Sequence}");
            Expect(arrival.Sequence <= lastAcknowledged, $"cycle {cycle}: call {offer.CallId} was acknowledged from an append that was never acknowledged");
            Expect(
                arrival.Decision.Urgency == reply.Decision.Urgency && arrival.Decision.QueueId == reply.Decision.QueueId,
                $"cycle {cycle}: call {offer.CallId} was told {reply.Decision.Urgency}/{reply.Decision.QueueId}, the store says {arrival.Decision.Urgency}/{arrival.Decision.QueueId}");

            // The live engine when the offer was acknowledged (its arrival batch) against the replay at that point.
            var live = batchOf[arrival.Sequence].Snapshot.Calls[offer.CallId];
            var replayed = atArrival[offer.CallId];
            Expect(
                live.ArrivedAt == arrival.At && live == replayed,
                $"cycle {cycle}: call {offer.CallId} at acknowledgement was {live}, the replay has {replayed}");

            var now = rebuilt.FindCall(offer.CallId);
            Expect(now is not null && now.ArrivedAt == live.ArrivedAt && now.ArrivalOrder == reply.Sequence, $"cycle {cycle}: call {offer.CallId} lost its arrival after the restart");
        }

        // Nothing beyond what was acknowledged, except a crashed batch that reached the disk.
        var unacknowledgedBatches = durable.Where(d => !d.Acknowledged).ToArray();
        foreach (var (callId, list) in arrivals)
        {
            var seq = list[0].Sequence;
            Expect(
                created.Contains((callId, seq)) || unacknowledgedBatches.Any(d => d.FirstSequence <= seq && seq <= d.LastSequence),
                $"cycle {cycle}: call {callId} (arrival {seq}) is in the store but its offer was never acknowledged");
        }

        // Queue order: the acknowledged calls wait in the order the last durable state had them...
        var rebuiltWaiting = StateSnapshot.ParseWaiting(rebuilt.Describe());
        var lastDurable = durable.Count > 0 ? durable[^1].Snapshot.Waiting : null;
        foreach (var (queue, order) in rebuiltWaiting)
        {
            var expected = StateSnapshot.Restrict(lastDurable?[queue] ?? [], acknowledged);
            var actual = StateSnapshot.Restrict(order, acknowledged);
            Expect(expected.SequenceEqual(actual, StringComparer.Ordinal), $"cycle {cycle}: queue {queue} holds acknowledged calls in order [{string.Join(' ', actual)}], before the crash [{string.Join(' ', expected)}]");
        }

        // ...and, against the live engine at the crash, in its order for every call the lost batch did not touch.
        if (crash is { Survived: false })
        {
            var touched = crash.Events.OfType<CallEvent>().Select(e => e.CallId).ToHashSet(StringComparer.Ordinal);
            var untouched = acknowledged.Where(id => !touched.Contains(id)).ToHashSet(StringComparer.Ordinal);
            foreach (var (queue, order) in rebuiltWaiting)
            {
                var expected = StateSnapshot.Restrict(crash.Snapshot.Waiting[queue], untouched);
                var actual = StateSnapshot.Restrict(order, untouched);
                Expect(expected.SequenceEqual(actual, StringComparer.Ordinal), $"cycle {cycle}: queue {queue} after the restart [{string.Join(' ', actual)}], live at the crash [{string.Join(' ', expected)}]");
            }
        }

        AcknowledgedCalls = created.Count;
    }

    private void CheckOutcomes(int cycle, CrashingJournal journal)
    {
        foreach (var record in records.Where(r => r.Cycle == cycle))
        {
            Expect(record.Acknowledged || record.Failure is RoutingDomainStoppedException, $"cycle {cycle}: {record}: {record.Failure}");

            // Gated: group g is append g. Everything before the crashed append was acknowledged, nothing from it on.
            if (journal.Crash is not null && record.Group >= 0)
            {
                Expect(record.Acknowledged == (record.Group < journal.CrashAt), $"cycle {cycle}: {record} with the crash at append {journal.CrashAt}");
            }
        }
    }

    private static bool SameEvent(RoutingEvent a, RoutingEvent b) => ReferenceEquals(a, b) || EventJson.Serialize(a) == EventJson.Serialize(b);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<none>";
            var y = i < a.Length ? a[i] : "<none>";
            if (x != y)
            {
                return $"live '{x}' / replay '{y}'";
            }
        }

        return "(equal)";
    }
}
