using System.Collections.Concurrent;
using Routing.Server.Observability;
using Routing.Server.Simulation;
using Routing.V1;

namespace Routing.Server.Gateways;

/// <summary>Outboxes by gateway id. Instructions for a gateway that is not connected wait for it.</summary>
internal sealed class GatewayRegistry
{
    private readonly ConcurrentDictionary<string, GatewayOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ILogger<GatewayRegistry> _logger;
    private readonly SettleTracker _settle;

    public GatewayRegistry(ILogger<GatewayRegistry> logger, SettleTracker settle)
    {
        _logger = logger;
        _settle = settle;
    }

    public GatewayOutbox For(string gatewayId) => _outboxes.GetOrAdd(gatewayId, id => new GatewayOutbox(id, _settle));

    public void Send(string gatewayId, GatewaySessionResponse instruction)
    {
        if (!For(gatewayId).Add(instruction))
        {
            Log.GatewayOutboxFull(_logger, gatewayId);
        }
    }

    /// <summary>Hands over an instruction issued before a restart that the gateway may never have received.</summary>
    public void SendRecovered(string gatewayId, GatewaySessionResponse instruction)
    {
        if (!For(gatewayId).AddRecovered(instruction))
        {
            Log.GatewayOutboxFull(_logger, gatewayId);
        }
    }

    public void Announce(string gatewayId, GatewaySessionResponse instruction)
    {
        if (_outboxes.TryGetValue(gatewayId, out var outbox))
        {
            outbox.SendTransient(instruction);
        }
    }
}
