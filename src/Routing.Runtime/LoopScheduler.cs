using System.Collections.Concurrent;
using System.Diagnostics;

namespace Routing.Runtime;

/// <summary>
/// Runs a domain's loop on a thread of its own. Every await in the loop resumes here rather than on the thread pool:
/// on the pool, each resumption (work arrived, a commit landed) was queued behind whatever the pool had already
/// queued (under load, the gRPC continuations of dozens of calls), and every caller waited that long again. A thread
/// that sleeps until signalled is woken at once, and the scheduler favours it over busy threads.
/// </summary>
internal sealed class LoopScheduler : TaskScheduler, IDisposable
{
    private readonly ConcurrentQueue<Task> _tasks = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Thread _thread;
    private volatile bool _completed;

    public LoopScheduler(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = $"routing loop ({name})" };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Lets the thread end once the tasks already queued have run.</summary>
    public void Dispose()
    {
        _completed = true;
        _ready.Release();
    }

    protected override void QueueTask(Task task)
    {
        _tasks.Enqueue(task);
        _ready.Release();
    }

    // Only the loop's own thread runs its tasks inline; anyone else queues them.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

    private void Run()
    {
        while (true)
        {
            _ready.Wait();
            if (_tasks.TryDequeue(out var task))
            {
                var ran = TryExecuteTask(task);
                Debug.Assert(ran || task.IsCompleted, "a queued task runs once, here");
            }
            else if (_completed)
            {
                _ready.Dispose();
                return;
            }
        }
    }
}
