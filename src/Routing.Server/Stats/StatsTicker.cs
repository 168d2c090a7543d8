using Routing.Server.Hosting;
using Routing.Server.Simulation;

namespace Routing.Server.Stats;

/// <summary>
/// Re-publishes statistics every <c>Routing:StatsPublishInterval</c> while calls wait. The fan-out publishes only
/// after events, and a wait grows with no event at all, so without this tick a wallboard froze a waiting caller's
/// oldest wait at its value at the last event (a quiet queue with one caller on hold showed them as just arrived).
/// </summary>
internal sealed class StatsTicker : BackgroundService
{
    private readonly RoutingHost _host;
    private readonly StatsHub _stats;
    private readonly SettleTracker _settle;

    public StatsTicker(RoutingHost host, StatsHub stats, SettleTracker settle)
    {
        _host = host;
        _stats = stats;
        _settle = settle;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On the host's clock, so virtual time in tests (and simulations) moves the wallboard too. The timer exists only
        // while a dashboard watches: unwatched, a refresh does nothing, and a simulated month would otherwise fire 2.6
        // million empty one-second ticks.
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _stats.WhenWatchedAsync(stoppingToken);
                if (_stats.Completed)
                {
                    return;
                }

                using var timer = new WorkTicker(_host.Configuration.Server.StatsPublishInterval, _host.Time, _settle);
                while (_stats.Watched && await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        _stats.Refresh(_host.Time.GetUtcNow());
                    }
                    finally
                    {
                        timer.TickHandled();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
