using System.Collections.Concurrent;
using Routing.Server.Observability;
using Routing.V1;

namespace Routing.Server.Gateways;

/// <summary>Outboxes by gateway id. Instructions for a gateway that is not connected wait for it.</summary>
internal sealed class GatewayRegistry
{
    private readonly ConcurrentDictionary<string, GatewayOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ILogger<GatewayRegistry> _logger;

    public GatewayRegistry(ILogger<GatewayRegistry> logger) => _logger = logger;

    public GatewayOutbox For(string gatewayId) => _outboxes.GetOrAdd(gatewayId, _ => new GatewayOutbox());

    public void Send(string gatewayId, GatewaySessionResponse instruction)
    {
        if (!For(gatewayId).Add(instruction))
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
