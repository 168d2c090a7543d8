using Routing.V1;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>OfferCall requests as a gateway builds them.</summary>
internal static class Offers
{
    public static OfferCallRequest Scheduling(string callId, string gatewayId = "gw-1") =>
        new() { CallId = callId, GatewayId = gatewayId, ReasonCode = "SCHEDULING", CallerWords = "I need to move my appointment", ScreenCompleted = true };

    /// <summary>A caller who chose the scheduling option but says something that needs 911-level attention.</summary>
    public static OfferCallRequest ChestTightness(string callId, string gatewayId = "gw-1") =>
        new() { CallId = callId, GatewayId = gatewayId, ReasonCode = "SCHEDULING", CallerWords = "my chest feels tight" };
}
