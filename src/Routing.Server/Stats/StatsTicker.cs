using Routing.Server.Hosting;

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

    public StatsTicker(RoutingHost host, StatsHub stats)
    {
        _host = host;
        _stats = stats;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On the host's clock, so virtual time in tests (and simulations) moves the wallboard too.
        using var timer = new PeriodicTimer(_host.Configuration.Server.StatsPublishInterval, _host.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _stats.Refresh(_host.Time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
