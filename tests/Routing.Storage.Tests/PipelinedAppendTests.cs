using Microsoft.Extensions.Time.Testing;
using Routing.Core.Commands;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Runtime;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

/// <summary>
/// The durable domain's own path: batches encoded and sealed on the loop (<see cref="IPreparingJournal.Prepare"/>),
/// written later by the committer's thread, several at a time.
/// </summary>
public sealed class PipelinedAppendTests
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_commands_through_a_durable_domain_are_all_journaled_once_with_an_intact_audit_chain()
    {
        using var database = new TempDatabase();
        var time = new FakeTimeProvider(AuditHarness.Start);
        var engine = new RoutingEngine(AuditHarness.Options, TriageRuleSetLoader.LoadDefault(), time);
        string expected;
        using (var journal = new SqliteEventJournal(database.Path))
        {
            await using var domain = new RoutingDomain(engine, journal, time);
            var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => domain.ExecuteAsync(
                new OfferCall($"c{i}", new TriageInput { ReasonCode = i % 4 == 0 ? "SYMPTOM" : "SCHEDULING", CallerWords = i % 9 == 0 ? "chest pain" : "" }, 0, "gw-1")).AsTask())))
                .WaitAsync(WaitLimit);
            Assert.All(results, r => Assert.True(r.Succeeded));
            await domain.StopAsync().WaitAsync(WaitLimit);
            expected = engine.State.Describe();
            Assert.Equal(engine.State.LastSequence, journal.LastSequence);
        }

        Assert.Equal(400, database.Scalar("SELECT COUNT(DISTINCT call_id) FROM audit WHERE kind = 'CallArrived'"));
        Assert.Equal(database.Scalar("SELECT COUNT(*) FROM events"), database.Scalar("SELECT MAX(seq) FROM events"));
        Assert.Equal(database.Scalar("SELECT COUNT(*) FROM events WHERE call_id IS NOT NULL"), database.Scalar("SELECT COUNT(*) FROM audit"));
        Assert.True(new AuditStore(database.Path).Verify().Intact);

        using var reopened = new SqliteEventJournal(database.Path);
        var rebuilt = await JournalReplay.RebuildAsync(reopened, AuditHarness.Options).WaitAsync(WaitLimit);
        Assert.Equal(expected, rebuilt.Describe());
    }

    [Fact]
    public void A_failed_append_refuses_the_batches_prepared_behind_it_and_the_chain_resumes_from_the_file()
    {
        using var h = new AuditHarness();
        h.Offer("c0");
        var first = h.Engine.Execute(new OfferCall("c1", new TriageInput { ReasonCode = "BILLING", ScreenCompleted = true }, 0, "gw-1")).Events;
        var second = h.Engine.Execute(new OfferCall("c2", new TriageInput { ReasonCode = "BILLING", ScreenCompleted = true }, 0, "gw-1")).Events;
        var preparedFirst = h.Journal.Prepare(first, null);
        var preparedSecond = h.Journal.Prepare(second, null);

        // The first batch's audit id is taken by someone else's row: its append fails, and nothing of it lands.
        var lastAudit = h.Database.Scalar("SELECT MAX(id) FROM audit");
        h.Database.Execute(
            "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES ($id, 0, 0, 'x', 'x', 'x', x'00', x'00', x'00')",
            ("$id", lastAudit + 1));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => h.Journal.AppendPrepared([preparedFirst]));
        h.Database.Execute("DELETE FROM audit WHERE id = $id", ("$id", lastAudit + 1));

        // The second was sealed assuming the first would land: refused, not written with a dangling chain.
        Assert.Throws<InvalidOperationException>(() => h.Journal.AppendPrepared([preparedSecond]));

        // Prepared again from what is durable, both land in one append and the chain verifies.
        h.Journal.AppendPrepared([h.Journal.Prepare(first, preparedFirst), h.Journal.Prepare(second, preparedSecond)]);
        Assert.Equal(second[^1].Sequence, h.Journal.LastSequence);
        Assert.Equal(1, h.Database.Scalar("SELECT COUNT(*) FROM audit WHERE call_id = 'c2' AND kind = 'CallArrived'"));
        Assert.True(h.Store.Verify().Intact);
    }
}
