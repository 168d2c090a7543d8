using Routing.Core.Commands;
using Routing.Storage.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Routing.Storage.Tests;

/// <summary>The hash chain: a missing or altered record is detected, and the first broken link is named.</summary>
public sealed class VerificationTests(ITestOutputHelper output)
{
    [Fact]
    public void An_intact_journal_verifies_with_every_record_counted()
    {
        using var h = Journal();

        var v = h.Store.Verify();

        Assert.True(v.Intact, v.ToString());
        Assert.Equal(h.CallEvents, v.RecordsChecked);
        Assert.Equal((1L, h.CallEvents), (v.FirstRecordId, v.LastRecordId));
        Assert.Null(v.AnchorRecordId);
        Assert.Equal(h.Database.Row(h.CallEvents).Hash, v.LastHash);
        Assert.True(h.CallEvents > 20);
    }

    [Fact]
    public void An_empty_journal_verifies()
    {
        using var h = new AuditHarness();
        h.Must(new Routing.Core.Commands.LogIn("a1", Routing.Core.Agents.AgentRole.NonClinical, []));

        var v = h.Store.Verify();

        Assert.True(v.Intact, v.ToString());
        Assert.Equal(0, v.RecordsChecked);
    }

    [Theory]
    [InlineData("UPDATE audit SET record = CAST(replace(CAST(record AS TEXT), 'question about my bill', 'question about my bills') AS BLOB) WHERE id = $id")]
    [InlineData("UPDATE audit SET kind = 'CallCompleted' WHERE id = $id")]
    [InlineData("UPDATE audit SET actor = 'agent:someone-else' WHERE id = $id")]
    [InlineData("UPDATE audit SET at_ms = at_ms - 1000 WHERE id = $id")]
    [InlineData("UPDATE audit SET call_id = 'c-other' WHERE id = $id")]
    [InlineData("UPDATE audit SET event_seq = event_seq + 1 WHERE id = $id")]
    public void Editing_one_record_is_reported_at_exactly_that_record(string sql)
    {
        using var h = Journal();
        var target = BillingArrival(h);

        Assert.Equal(1, h.Database.Execute(sql, ("$id", target.Id)));
        var v = h.Store.Verify();

        Assert.False(v.Intact);
        var b = v.FirstBreak!;
        Assert.Equal(target.Id, b.RecordId);
        Assert.Equal(AuditBreakKind.HashMismatch, b.Kind);
        Assert.Equal(target.Id, v.RecordsChecked);
    }

    [Fact]
    public void Editing_the_record_through_a_text_rewrite_is_still_detected()
    {
        using var h = Journal();
        var target = BillingArrival(h);

        // A rewrite that changes the storage class (BLOB to TEXT) without changing a byte.
        h.Database.Execute("UPDATE audit SET record = CAST(record AS TEXT) WHERE id = $id", ("$id", target.Id));
        Assert.True(h.Store.Verify().Intact, "the same bytes as TEXT are the same record");

        h.Database.Execute("UPDATE audit SET record = replace(record, 'BILLING', 'REFILL') WHERE id = $id", ("$id", target.Id));
        Assert.Equal(target.Id, h.Store.Verify().FirstBreak!.RecordId);
    }

    [Fact]
    public void Deleting_one_record_is_reported_at_the_record_after_the_gap()
    {
        using var h = Journal();
        var target = BillingArrival(h);
        var next = h.Database.Row(target.Id + 1);

        h.Database.Execute("DELETE FROM audit WHERE id = $id", ("$id", target.Id));
        var v = h.Store.Verify();

        var b = v.FirstBreak!;
        Assert.Equal((next.Id, next.EventSequence, AuditBreakKind.MissingRecord), (b.RecordId, b.EventSequence, b.Kind));
        Assert.Contains($"record {target.Id} is missing", b.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_first_record_without_an_anchor_is_a_missing_record()
    {
        using var h = Journal();

        h.Database.Execute("DELETE FROM audit WHERE id = 1");
        var b = h.Store.Verify().FirstBreak!;

        Assert.Equal((2L, AuditBreakKind.MissingRecord), (b.RecordId, b.Kind));
    }

    [Fact]
    public void Cutting_off_the_newest_records_is_detected_against_the_journal()
    {
        using var h = Journal();
        var last = h.Database.Row(h.CallEvents);

        h.Database.Execute("DELETE FROM audit WHERE id >= $id", ("$id", last.Id - 1));
        var v = h.Store.Verify();

        var b = v.FirstBreak!;
        Assert.Equal(AuditBreakKind.MissingRecord, b.Kind);
        Assert.Equal(last.Id - 1, b.RecordId);
        Assert.Equal(h.Events.Where(e => e is Routing.Core.Events.CallEvent).Select(e => e.Sequence).OrderBy(x => x).ElementAt((int)last.Id - 2), b.EventSequence);

        // The whole table gone is the same finding, at record 1.
        h.Database.Execute("DELETE FROM audit");
        Assert.Equal((1L, AuditBreakKind.MissingRecord), (h.Store.Verify().FirstBreak!.RecordId, h.Store.Verify().FirstBreak!.Kind));
    }

    [Fact]
    public void Rewriting_a_record_with_a_recomputed_hash_breaks_the_next_records_link()
    {
        using var h = Journal();
        var target = BillingArrival(h);

        // An attacker who knows the algorithm: new content, and a hash recomputed over it.
        var forged = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(target.Record).Replace("question about my bill", "asked for a refill", StringComparison.Ordinal));
        var hash = AuditHash.Compute(target.PrevHash, target.Id, target.EventSequence, target.AtMs, target.CallId, target.Kind, target.Actor, forged);
        h.Database.Execute("UPDATE audit SET record = $r, hash = $h WHERE id = $id", ("$r", forged), ("$h", hash), ("$id", target.Id));
        var v = h.Store.Verify();

        var b = v.FirstBreak!;
        Assert.Equal((target.Id + 1, AuditBreakKind.PrevHashMismatch), (b.RecordId, b.Kind));
        Assert.Equal(h.Database.Row(target.Id + 1).EventSequence, b.EventSequence);
        Assert.Equal(target.Id + 1, v.RecordsChecked);
    }

    [Fact]
    public async Task Prune_keeps_the_rest_of_the_chain_verifiable_from_the_anchor_and_the_journal_keeps_appending()
    {
        using var h = Journal();
        var total = h.CallEvents;
        var cut = AuditHarness.Start.AddMinutes(3);
        var expectedDeleted = h.Events.Count(e => e is Routing.Core.Events.CallEvent && e.At < cut);
        var lastDeleted = h.Database.Row(expectedDeleted);

        var result = h.Store.Prune(cut);

        Assert.Equal(expectedDeleted, result.Deleted);
        Assert.Equal(lastDeleted.Id, result.AnchorRecordId);
        Assert.Equal(lastDeleted.Hash, result.AnchorHash);
        Assert.Equal(0, h.Database.Scalar($"SELECT COUNT(*) FROM audit WHERE id <= {lastDeleted.Id}"));
        var v = h.Store.Verify();
        Assert.True(v.Intact, v.ToString());
        Assert.Equal((total - expectedDeleted, lastDeleted.Id, lastDeleted.Id + 1), (v.RecordsChecked, v.AnchorRecordId!.Value, v.FirstRecordId));

        // The running journal and a reopened one both continue the chain after pruning.
        Scenarios.RoutineBilling(h, "c-after-prune-1");
        Assert.True(h.Store.Verify().Intact);
        h.Journal.Dispose();
        var next = h.Engine.Execute(new OfferCall("c-after-reopen", new Routing.Core.Triage.TriageInput { ReasonCode = "BILLING" }));
        using (var reopened = new SqliteEventJournal(h.Database.Path))
        {
            await reopened.AppendAsync(next.Events, CancellationToken.None);
        }

        var after = h.Store.Verify();
        Assert.True(after.Intact, after.ToString());
        Assert.Equal(h.CallEvents + next.Events.Count(e => e is Routing.Core.Events.CallEvent) - expectedDeleted, after.RecordsChecked);

        // Deleting a record after the anchor is still found.
        h.Database.Execute($"DELETE FROM audit WHERE id = {lastDeleted.Id + 3}");
        Assert.Equal(lastDeleted.Id + 4, h.Store.Verify().FirstBreak!.RecordId);
    }

    [Fact]
    public async Task Pruning_everything_leaves_an_anchor_the_next_record_links_to()
    {
        using var h = Journal();
        var total = h.CallEvents;

        var result = h.Store.Prune(AuditHarness.Start.AddYears(1));

        Assert.Equal(total, result.Deleted);
        var empty = h.Store.Verify();
        Assert.True(empty.Intact, empty.ToString());
        Assert.Equal((0L, (long?)total), (empty.RecordsChecked, empty.AnchorRecordId));

        h.Journal.Dispose();
        using (var reopened = new SqliteEventJournal(h.Database.Path))
        {
            var next = h.Engine.Execute(new OfferCall("c-new", new Routing.Core.Triage.TriageInput { ReasonCode = "BILLING" }));
            await reopened.AppendAsync(next.Events, CancellationToken.None);
        }

        var v = h.Store.Verify();
        Assert.True(v.Intact, v.ToString());
        Assert.Equal(total + 1, v.FirstRecordId);
    }

    [Fact]
    public void Pruning_nothing_changes_nothing()
    {
        using var h = Journal();

        var result = h.Store.Prune(AuditHarness.Start);

        Assert.Equal(0, result.Deleted);
        Assert.Null(result.AnchorRecordId);
        Assert.Equal(h.CallEvents, h.Store.Verify().RecordsChecked);
    }

    [Fact]
    public void Prune_refuses_to_delete_a_tampered_part_of_the_chain()
    {
        using var h = Journal();
        h.Database.Execute("UPDATE audit SET actor = 'agent:x' WHERE id = 3");

        var e = Assert.Throws<AuditChainBrokenException>(() => h.Store.Prune(AuditHarness.Start.AddHours(1)));

        Assert.Equal(3, e.Verification!.FirstBreak!.RecordId);
        Assert.Equal(h.CallEvents, h.Database.Scalar("SELECT COUNT(*) FROM audit"));
    }

    [Fact]
    public void A_forged_anchor_that_does_not_match_the_chain_is_reported()
    {
        using var h = Journal();
        h.Store.Prune(AuditHarness.Start.AddMinutes(3));
        h.Database.Execute("UPDATE meta SET value = zeroblob(32) WHERE key = 'audit_anchor_hash'");

        var b = h.Store.Verify().FirstBreak!;

        Assert.Equal(AuditBreakKind.PrevHashMismatch, b.Kind);
        Assert.Contains("anchor", b.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Verification_streams_a_large_chain_in_seconds()
    {
        using var db = new TempDatabase();
        var records = int.TryParse(Environment.GetEnvironmentVariable("AUDIT_VOLUME_RECORDS"), out var n) ? n : 100_000;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        BulkChain.Write(db.Path, records);
        output.WriteLine($"wrote {records} records in {watch.Elapsed}");

        watch.Restart();
        var verifyProgress = new List<long>();
        var v = new AuditStore(db.Path).Verify(verifyProgress.Add);
        watch.Stop();
        output.WriteLine($"verified {records} records in {watch.Elapsed}");
        Assert.Equal(Enumerable.Range(1, records / 100_000).Select(i => i * 100_000L), verifyProgress);

        // Exports report progress the same way (the tool prints it to standard error).
        var exportProgress = new List<long>();
        Assert.Equal(records, new AuditStore(db.Path).Export(Stream.Null, AuditExportFilter.All, exportProgress.Add));
        Assert.Equal(verifyProgress, exportProgress);

        Assert.True(v.Intact, v.ToString());
        Assert.Equal(records, v.RecordsChecked);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(records / 100_000.0 * 5), $"verifying {records} records took {watch.Elapsed}");
    }

    /// <summary>Three routine and clinical calls through the engine.</summary>
    private static AuditHarness Journal()
    {
        var h = new AuditHarness();
        Scenarios.RibPainTransferredToNurse(h);
        Scenarios.RoutineBilling(h);
        Scenarios.ChestPainReachedLate(h);
        return h;
    }

    private static AuditEntry BillingArrival(AuditHarness h)
    {
        var id = h.Database.Scalar("SELECT id FROM audit WHERE call_id = 'c-billing' AND kind = 'CallArrived'");
        return h.Database.Row(id);
    }
}
