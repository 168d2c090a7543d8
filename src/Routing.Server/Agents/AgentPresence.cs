using Routing.Core.Commands;
using Routing.Runtime;
using Routing.Server.Hosting;
using Routing.Server.Observability;
using Routing.Server.Simulation;

namespace Routing.Server.Agents;

/// <summary>
/// Logs out agents whose desktops are gone. A dropped desktop keeps its agent logged in for the grace period so a
/// reconnect loses nothing; after it the agent is logged out and a ringing call goes back to its original place. An
/// agent on a call stays until the call ends (the conversation continues on the phone), checked each grace period.
/// After a restart every agent the journal says was logged in starts its grace period at once.
/// </summary>
internal sealed class AgentPresence : IHostedService
{
    private readonly RoutingHost _host;
    private readonly AgentSessionRegistry _registry;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<AgentPresence> _logger;
    private readonly SettleTracker _settle;

    public AgentPresence(RoutingHost host, AgentSessionRegistry registry, IHostApplicationLifetime lifetime, ILogger<AgentPresence> logger, SettleTracker settle)
    {
        _host = host;
        _registry = registry;
        _lifetime = lifetime;
        _logger = logger;
        _settle = settle;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var agentId in _host.RecoveredAgents)
        {
            LogOutAfterGrace(agentId, generation: 0);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void LogOutAfterGrace(string agentId, long generation) => _ = LogOutAfterGraceAsync(agentId, generation);

    private async Task LogOutAfterGraceAsync(string agentId, long generation)
    {
        var grace = _host.Configuration.Server.AgentGracePeriod;
        Log.AgentDetached(_logger, agentId, grace);
        try
        {
            while (true)
            {
                // In simulation mode the expiry counts as work until the logout is done, so AdvanceClock waits for it.
                await _settle.DelayAsync(grace, _host.Time, _lifetime.ApplicationStopping);
                try
                {
                    if (!_registry.StillDetached(agentId, generation))
                    {
                        return;
                    }

                    var result = await _host.Domain.ExecuteAsync(new LogOut(agentId), _lifetime.ApplicationStopping);
                    if (result.Succeeded)
                    {
                        Log.AgentGraceLogout(_logger, agentId);
                        return;
                    }

                    if (result.Error!.Code != RoutingErrorCode.FailedPrecondition)
                    {
                        return;
                    }
                }
                finally
                {
                    _settle.EndWork();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RoutingDomainStoppedException)
        {
        }
    }
}
