using System.Threading.Channels;
using Routing.Core.Events;
using Routing.Core.Statistics;

namespace Routing.Server.Stats;

/// <summary>
/// The statistics collector and the dashboards watching it. Each watcher has a channel of capacity one that keeps
/// only the newest snapshot (latest wins), so a slow or stalled dashboard costs one snapshot of memory and never
/// slows routing or any other watcher.
/// </summary>
internal sealed class StatsHub
{
    private readonly Lock _lock = new();
    private readonly ServiceLevelStatistics _statistics;
    private readonly List<Channel<StatisticsSnapshot>> _watchers = [];
    private StatisticsSnapshot? _latest;
    private bool _changed = true;
    private bool _completed;

    // Completed while anyone watches; replaced when the last watcher leaves. Lets the ticker sleep without a timer.
    private TaskCompletionSource _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StatsHub(Hosting.RoutingHost host) => _statistics = host.Statistics;

    public void Apply(RoutingEvent e)
    {
        lock (_lock)
        {
            _statistics.Apply(e);
            _changed = true;
        }
    }

    /// <summary>Builds a snapshot if anything changed (or time moved the waits) and offers it to every watcher.</summary>
    public void Publish(DateTimeOffset now, bool force = false)
    {
        lock (_lock)
        {
            // Nobody watching: leave the snapshot to be built on demand by the next Watch. Building one walks every
            // waiting call, which under load cost more than routing itself.
            if ((!_changed && !force) || _watchers.Count == 0)
            {
                return;
            }

            _latest = _statistics.Snapshot(now);
            _changed = false;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(_latest);
            }
        }
    }

    /// <summary>
    /// Called every <c>Routing:StatsPublishInterval</c>. Waits grow with time alone, and <see cref="Publish"/> otherwise
    /// runs only after events, so while anyone waits this re-publishes: a wallboard must not keep showing a caller on
    /// hold for ten minutes as just arrived. Idle queues and unwatched hubs cost nothing.
    /// </summary>
    public void Refresh(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_watchers.Count == 0)
            {
                return;
            }

            var waiting = _latest is null || _latest.Queues.Any(q => q.Classes.Any(c => c.Waiting > 0 || c.CallbacksWaiting > 0));
            Publish(now, force: waiting);
        }
    }

    /// <summary>A new watcher gets the current snapshot at once, then every newer one it has time to read.</summary>
    public ChannelReader<StatisticsSnapshot> Watch(DateTimeOffset now)
    {
        var channel = Channel.CreateBounded<StatisticsSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            channel.Writer.TryWrite(_latest is null || _changed ? _statistics.Snapshot(now) : _latest);
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
                _watched.TrySetResult();
            }
        }

        return channel.Reader;
    }

    public void Unwatch(ChannelReader<StatisticsSnapshot> reader)
    {
        lock (_lock)
        {
            _watchers.RemoveAll(c => ReferenceEquals(c.Reader, reader));
            if (_watchers.Count == 0 && _watched.Task.IsCompleted && !_completed)
            {
                _watched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>True once <see cref="Complete"/> has ended every watch (shutdown).</summary>
    public bool Completed
    {
        get
        {
            lock (_lock)
            {
                return _completed;
            }
        }
    }

    /// <summary>True while at least one dashboard watches.</summary>
    public bool Watched
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count > 0;
            }
        }
    }

    /// <summary>Completes once a dashboard watches (at once if one does), or when the hub is completed.</summary>
    public Task WhenWatchedAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _watched.Task.WaitAsync(cancellationToken);
        }
    }

    public T Read<T>(Func<ServiceLevelStatistics, T> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            return query(_statistics);
        }
    }

    /// <summary>Ends every watch stream (server shutdown).</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            _watched.TrySetResult();
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }
}
