using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

/// <summary>Events and their audit records are written in one transaction: a batch is on disk entirely or not at all.</summary>
public sealed class TransactionTests
{
    [Fact]
    public async Task A_batch_that_fails_midway_leaves_neither_its_events_nor_its_audit_records()
    {
        using var h = new AuditHarness();
        Scenarios.RoutineBilling(h);
        var events = h.Database.Scalar("SELECT COUNT(*) FROM events");
        var audit = h.Database.Scalar("SELECT COUNT(*) FROM audit");

        // The next command's events, the second one with a sequence out of order.
        var next = h.Engine.Execute(new OfferCall("c-next", new TriageInput { ReasonCode = "BILLING", ScreenCompleted = true }, 0, "gw-1")).Events;
        Assert.True(next.Count >= 2 && next.All(e => e is CallEvent));
        var broken = new List<RoutingEvent> { next[0], next[1] with { Sequence = next[1].Sequence + 5 } };

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Journal.AppendAsync(broken, CancellationToken.None).AsTask());

        Assert.Equal(events, h.Database.Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(audit, h.Database.Scalar("SELECT COUNT(*) FROM audit"));
        Assert.Equal(0, h.Database.Scalar("SELECT COUNT(*) FROM audit WHERE call_id = 'c-next'"));

        // The journal's cursors did not move: the same batch, correct this time, appends and the chain verifies.
        await h.Journal.AppendAsync(next, CancellationToken.None);
        Assert.Equal(events + next.Count, h.Database.Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(audit + next.Count, h.Database.Scalar("SELECT COUNT(*) FROM audit"));
        Assert.True(h.Store.Verify().Intact);
    }

    [Fact]
    public async Task An_audit_insert_that_fails_takes_the_batchs_events_with_it()
    {
        using var h = new AuditHarness();
        Scenarios.RoutineBilling(h);
        var events = h.Database.Scalar("SELECT COUNT(*) FROM events");
        var lastAudit = h.Database.Scalar("SELECT MAX(id) FROM audit");

        // Someone else's row already holds the id the batch's second audit record needs.
        h.Database.Execute(
            "INSERT INTO audit (id, event_seq, at_ms, call_id, kind, actor, record, prev_hash, hash) VALUES ($id, 0, 0, 'x', 'x', 'x', x'00', x'00', x'00')",
            ("$id", lastAudit + 2));
        var next = h.Engine.Execute(new OfferCall("c-next", new TriageInput { ReasonCode = "BILLING", ScreenCompleted = true }, 0, "gw-1")).Events;

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => h.Journal.AppendAsync(next, CancellationToken.None).AsTask());

        Assert.Equal(events, h.Database.Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(0, h.Database.Scalar("SELECT COUNT(*) FROM audit WHERE call_id = 'c-next'"));
        Assert.Equal(0, h.Database.Scalar($"SELECT COUNT(*) FROM events WHERE seq >= {next[0].Sequence}"));
    }

    [Fact]
    public void Every_call_event_has_exactly_one_audit_record_with_the_same_json_and_agent_events_have_none()
    {
        using var h = new AuditHarness();
        Scenarios.RibPainTransferredToNurse(h);

        var store = h.Store;
        var records = store.Read(AuditExportFilter.All).ToList();
        var callEvents = h.Events.OfType<CallEvent>().ToList();

        Assert.Equal(callEvents.Select(e => e.Sequence), records.Select(r => r.EventSequence));
        Assert.Equal(callEvents.Select(EventJson.Serialize), records.Select(r => System.Text.Encoding.UTF8.GetString(r.Record)));
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Id));
        Assert.True(h.Events.OfType<AgentEvent>().Any());
    }
}
