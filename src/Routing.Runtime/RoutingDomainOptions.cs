namespace Routing.Runtime;

/// <summary>Settings of one <see cref="RoutingDomain"/>. Read once, when the domain is constructed.</summary>
public sealed class RoutingDomainOptions
{
    /// <summary>
    /// Name of the domain in logs, for example a site or a tenant. Not patient data. Default <c>"default"</c>.
    /// </summary>
    public string Name { get; set; } = "default";

    /// <summary>
    /// Commands that may wait for the loop. The channel is bounded and callers wait when it is full, so an overloaded
    /// domain pushes back on its callers instead of growing without limit. Default 10,000.
    /// </summary>
    public int CommandCapacity { get; set; } = 10_000;

    /// <summary>
    /// Most commands executed before one journal append (group commit). The loop takes what is queued up to this
    /// many, so under load one append, and one storage flush, serves many callers; when idle a batch is one command.
    /// Default 512.
    /// </summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Events a subscriber may fall behind before its subscription ends with <see cref="SubscriberLaggedException"/>.
    /// The loop never waits for a subscriber; this is the slack it gets. Default 4,096.
    /// </summary>
    public int SubscriberBufferCapacity { get; set; } = 4_096;

    /// <summary>
    /// Events between snapshots of the state, when the journal also stores snapshots (<see cref="ISnapshotStore"/>).
    /// Restart time then depends on the live state and at most this many events, not on the whole history.
    /// 0 disables snapshots. Default 100,000.
    /// </summary>
    public long SnapshotEvery { get; set; } = 100_000;

    /// <summary>
    /// Events per call or agent in the last snapshot that must pass before the next one, when that is more than
    /// <see cref="SnapshotEvery"/>. A snapshot costs time in proportion to the state (every call and agent is copied,
    /// serialized and written), so a fixed interval makes a large backlog pay a whole snapshot every few seconds:
    /// with 100,000 waiting calls it was the largest single cost of a durable OfferCall. Spacing snapshots by the
    /// state's size keeps their cost per event constant, and restart still replays at most this many events per item
    /// on top of loading the snapshot. 0 keeps the fixed interval. Default 4.
    /// </summary>
    public int SnapshotEventsPerItem { get; set; } = 4;

    /// <summary>
    /// Whether the loop goes on executing while earlier batches commit. Batches are appended in order on a thread of
    /// their own (everything queued by the time a commit lands goes into the next one), and each is answered and
    /// published only after its own commit, so what callers are told is unchanged; only the engine runs up to a few
    /// batches ahead of the journal. Off, the loop waits for each commit before executing anything else, which lets a
    /// journal inspect the engine from inside an append (the crash simulation does). Not used with the
    /// <see cref="InMemoryEventJournal"/>, whose appends are cheaper than the hop to another thread. Default true.
    /// </summary>
    public bool PipelineCommits { get; set; } = true;

    /// <summary>
    /// Whether, with the <see cref="InMemoryEventJournal"/>, a caller executes its command on its own thread instead
    /// of handing it to the loop, when nothing is queued ahead of it. The engine stays single-threaded (a lock admits
    /// one executor at a time, the loop's timer ticks included), and events are still appended, then published, then
    /// answered, in sequence order. What it saves is the two thread hops per command (into the loop and back to the
    /// caller), which cost more than an in-memory command itself: GrpcBench's OfferCall with the in-memory journal
    /// went from 38-42k to 44k calls/s. Not used with a durable journal, whose commits run on the committer's thread.
    /// Default true.
    /// </summary>
    public bool ExecuteOnCaller { get; set; } = true;
}
