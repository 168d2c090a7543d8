using Routing.Core.Urgencies;

namespace Routing.Server.Hosting;

/// <summary>
/// What the server keeps about a live call to address its gateway and brief the agent it is offered to.
/// Owned by the fan-out loop; <see cref="CallerWords"/> is patient data and only ever goes to the offered agent.
/// </summary>
internal sealed class CallInfo
{
    public required string CallId { get; init; }

    public required DateTimeOffset ArrivedAt { get; init; }

    public string? GatewayId { get; set; }

    public Urgency Urgency { get; set; }

    public string QueueId { get; set; } = string.Empty;

    public bool IsCallback { get; set; }

    public string ReasonCode { get; set; } = string.Empty;

    public string CallerWords { get; set; } = string.Empty;

    public IReadOnlyList<string> FiredRuleIds { get; set; } = [];

    public string RuleSetVersion { get; set; } = string.Empty;
}
