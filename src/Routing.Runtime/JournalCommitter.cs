using Routing.Core.Events;

namespace Routing.Runtime;

/// <summary>
/// Appends a domain's executed batches to its journal on a thread of its own, in the order they were handed over,
/// back to back. The chain of commits bounds a durable domain's throughput: every caller waits for the commit that
/// holds its events. When the loop started each commit itself, the next one waited until the loop had been scheduled
/// again after the previous one landed, and on the thread pool behind the continuations of the callers just answered
/// (dozens per batch). Here the next batch is already queued when a commit lands, and everything queued by then goes
/// into the next append: one transaction and one fsync for all of it. A batch that lands is answered here at once
/// (published, then its callers completed, in order) rather than after another hop back to the loop.
/// </summary>
internal sealed class JournalCommitter : IDisposable
{
    private readonly IEventJournal _journal;
    private readonly Action<Batch> _land;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Thread _thread;
    private readonly List<RoutingEvent> _combined = [];
    private readonly List<PreparedAppend> _prepared = [];
    private List<Pending> _queued = [];
    private List<Pending> _taking = [];
    private Exception? _failed;
    private bool _stopping;

    /// <param name="journal">Where batches are appended.</param>
    /// <param name="name">The domain's name, for the thread's.</param>
    /// <param name="land">Answers a batch once it is durable; called on the committer's thread, in order.</param>
    public JournalCommitter(IEventJournal journal, string name, Action<Batch> land)
    {
        _journal = journal;
        _land = land;
        _thread = new Thread(Run) { IsBackground = true, Name = $"routing commit ({name})" };
        _thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="batch"/> behind every batch handed over before. Once its events are durable it is
    /// answered, then the task completes (on the thread pool, never inline on the committer). On the journal's failure
    /// the task faults with its exception, unanswered, and so does every later batch, unwritten, so the journal never
    /// gets a gap. A batch without events is answered in turn. The caller leaves the batch alone until the task completes.
    /// </summary>
    public Task CommitAsync(Batch batch)
    {
        var pending = new Pending(batch);
        lock (_lock)
        {
            if (_failed is not null)
            {
                pending.Completion.SetException(_failed);
                return pending.Completion.Task;
            }

            _queued.Add(pending);
        }

        _ready.Release();
        return pending.Completion.Task;
    }

    /// <summary>Ends the thread once what was handed over has been written or failed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
        }

        _ready.Release();
        _thread.Join();
        _ready.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _ready.Wait();
            lock (_lock)
            {
                if (_queued.Count == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    // A release for a batch already taken with an earlier one.
                    continue;
                }

                (_queued, _taking) = (_taking, _queued);
            }

            Append(_taking);
            _taking.Clear();
        }
    }

    private void Append(List<Pending> batches)
    {
        try
        {
            if (_journal is IPreparingJournal preparing)
            {
                _prepared.Clear();
                foreach (var pending in batches)
                {
                    if (pending.Batch.Events.Count > 0)
                    {
                        _prepared.Add(pending.Batch.Prepared ?? throw new InvalidOperationException("A batch reached the committer unprepared."));
                    }
                }

                if (_prepared.Count > 0)
                {
                    preparing.AppendPrepared(_prepared);
                }
            }
            else
            {
                AppendEvents(batches);
            }
        }
#pragma warning disable CA1031 // The journal's failure goes to the domain, which stops.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            lock (_lock)
            {
                _failed = ex;
                batches.AddRange(_queued);
                _queued.Clear();
            }

            foreach (var pending in batches)
            {
                pending.Completion.SetException(ex);
            }

            return;
        }
        finally
        {
            _combined.Clear();
            _prepared.Clear();
        }

        foreach (var pending in batches)
        {
            _land(pending.Batch);
            pending.Completion.SetResult();
        }
    }

    private void AppendEvents(List<Pending> batches)
    {
        var events = batches[0].Batch.Events;
        if (batches.Count > 1)
        {
            foreach (var pending in batches)
            {
                _combined.AddRange(pending.Batch.Events);
            }

            events = _combined;
        }

        if (events.Count > 0)
        {
            var append = _journal.AppendAsync(events, CancellationToken.None);
            if (!append.IsCompletedSuccessfully)
            {
                append.AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private sealed class Pending(Batch batch)
    {
        public Batch Batch { get; } = batch;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
