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

        Assert.Equal(2L, CountSnapshots(h.Database));
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
        h.Database.Execute("UPDATE snapshots SET payload = X'7B7D' WHERE seq = (SELECT MAX(seq) FROM snapshots)");

        Assert.Equal(older, h.Journal.LoadLatestSnapshot()!.LastSequence);
    }

    private static long CountSnapshots(TempDatabase database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM snapshots";
        return (long)command.ExecuteScalar()!;
    }

    private sealed class EventsOnly(IEventJournal inner) : IEventJournal
    {
        public ValueTask AppendAsync(IReadOnlyList<Routing.Core.Events.RoutingEvent> events, CancellationToken cancellationToken) => inner.AppendAsync(events, cancellationToken);

        public IAsyncEnumerable<Routing.Core.Events.RoutingEvent> ReadAllAsync(long fromSequence, CancellationToken cancellationToken) => inner.ReadAllAsync(fromSequence, cancellationToken);
    }
}
