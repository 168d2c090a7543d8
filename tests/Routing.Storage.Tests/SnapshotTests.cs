using Routing.Core.Agents;
using Routing.Core.Commands;
using Routing.Runtime;
using Routing.Storage.Tests.Infrastructure;

namespace Routing.Storage.Tests;

/// <summary>Restart from a stored snapshot plus the journal's tail gives the state a full replay gives.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public async Task A_restart_from_the_latest_snapshot_and_the_tail_equals_a_full_replay()
    {
        using var h = new AuditHarness();
        h.LogInReady("ann", AgentRole.NonClinical, "scheduling");
        h.LogInReady("nurse", AgentRole.Clinician);
        for (var i = 0; i < 20; i++)
        {
            h.Offer($"c{i}", i % 3 == 0 ? "SYMPTOM" : "SCHEDULING", i % 5 == 0 ? "chest pain" : string.Empty);
            h.Advance(TimeSpan.FromSeconds(7));
            if (i == 10)
            {
                h.Journal.SaveSnapshot(h.Engine.State.Capture());
            }
        }

        var expected = h.Engine.State.Describe();
        var fromSnapshot = await JournalReplay.RebuildAsync(h.Journal, AuditHarness.Options);
        var fullReplay = await JournalReplay.RebuildAsync(new EventsOnly(h.Journal), AuditHarness.Options);

        Assert.Equal(expected, fromSnapshot.Describe());
        Assert.Equal(expected, fullReplay.Describe());
        Assert.Empty(fromSnapshot.CheckInvariants());
    }

    [Fact]
    public void Only_the_two_newest_snapshots_are_kept_and_the_newest_is_loaded()
    {
        using var h = new AuditHarness();
        for (var i = 0; i < 4; i++)
        {
            h.Offer($"c{i}");
            h.Journal.SaveSnapshot(h.Engine.State.Capture());
        }

        Assert.Equal(2, Directory.GetFiles(h.Journal.SnapshotDirectory).Length);
        Assert.Equal(h.Engine.State.LastSequence, h.Journal.LoadLatestSnapshot()!.LastSequence);
    }

    [Fact]
    public void A_snapshot_that_cannot_be_read_falls_back_to_the_previous_one()
    {
        using var h = new AuditHarness();
        h.Offer("c1");
        h.Journal.SaveSnapshot(h.Engine.State.Capture());
        var older = h.Engine.State.LastSequence;
        h.Offer("c2");
        h.Journal.SaveSnapshot(h.Engine.State.Capture());
        var newest = Directory.GetFiles(h.Journal.SnapshotDirectory).Max()!;
        File.WriteAllText(newest, "{\"journalId\":");

        Assert.Equal(older, h.Journal.LoadLatestSnapshot()!.LastSequence);
    }

    [Fact]
    public void Snapshots_are_files_beside_the_journal_and_the_journal_keeps_its_events()
    {
        using var h = new AuditHarness();
        h.Offer("c1");
        h.Journal.SaveSnapshot(h.Engine.State.Capture());

        Assert.Equal(h.Database.Path + ".snapshots", h.Journal.SnapshotDirectory);
        Assert.Single(Directory.GetFiles(h.Journal.SnapshotDirectory));

        Assert.Equal(0L, h.Database.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'snapshots'"));
        h.Offer("c2");
        Assert.Equal(h.Engine.State.LastSequence, h.Journal.LastSequence);
    }

    [Fact]
    public async Task A_snapshot_left_by_another_journal_at_the_same_path_is_never_restored()
    {
        using var database = new TempDatabase();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AuditHarness.Start);
        var engine = new Routing.Core.Engine.RoutingEngine(AuditHarness.Options, Routing.Core.Triage.TriageRuleSetLoader.LoadDefault(), time);
        using (var first = new SqliteEventJournal(database.Path))
        {
            var result = engine.Execute(new OfferCall("c1", new Routing.Core.Triage.TriageInput { ReasonCode = "SCHEDULING" }));
            await first.AppendAsync(result.Events, CancellationToken.None);
            first.SaveSnapshot(engine.State.Capture());
            Assert.NotNull(first.LoadLatestSnapshot());
        }

        // The journal is replaced (deleted and started afresh), its snapshot directory is not.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(database.Directory, "routing.db*"))
        {
            File.Delete(file);
        }

        using var second = new SqliteEventJournal(database.Path);
        var again = new Routing.Core.Engine.RoutingEngine(AuditHarness.Options, Routing.Core.Triage.TriageRuleSetLoader.LoadDefault(), time);
        foreach (var id in new[] { "x1", "x2", "x3" })
        {
            var result = again.Execute(new OfferCall(id, new Routing.Core.Triage.TriageInput { ReasonCode = "SCHEDULING" }));
            await second.AppendAsync(result.Events, CancellationToken.None);
        }

        Assert.Null(second.LoadLatestSnapshot());
    }

    private sealed class EventsOnly(IEventJournal inner) : IEventJournal
    {
        public ValueTask AppendAsync(IReadOnlyList<Routing.Core.Events.RoutingEvent> events, CancellationToken cancellationToken) => inner.AppendAsync(events, cancellationToken);

        public IAsyncEnumerable<Routing.Core.Events.RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => inner.ReadAllAsync(fromSequence, cancellationToken);
    }
}
