using Microsoft.Extensions.Logging;

namespace Routing.Server.Observability;

/// <summary>
/// Source-generated logs. Identifiers and counts only: never caller words, red-flag codes, names or numbers
/// (minimum necessary, 45 CFR 164.502(b)).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Routing listens for gRPC (h2c) on {GrpcAddresses} and for health and metrics (HTTP/1.1) on {HttpAddresses}")]
    public static partial void Listening(ILogger logger, string grpcAddresses, string httpAddresses);

    [LoggerMessage(2, LogLevel.Information, "Routing domain started with {Queues} queues, rule set {RuleSetVersion}, {RosterSize} agents on the roster")]
    public static partial void DomainStarted(ILogger logger, int queues, string ruleSetVersion, int rosterSize);

    [LoggerMessage(3, LogLevel.Information, "Agent {AgentId} session attached")]
    public static partial void AgentAttached(ILogger logger, string agentId);

    [LoggerMessage(4, LogLevel.Information, "Agent {AgentId} session dropped; logging out in {GracePeriod} unless it reconnects")]
    public static partial void AgentDetached(ILogger logger, string agentId, TimeSpan gracePeriod);

    [LoggerMessage(5, LogLevel.Information, "Agent {AgentId} logged out after the grace period")]
    public static partial void AgentGraceLogout(ILogger logger, string agentId);

    [LoggerMessage(6, LogLevel.Warning, "Agent {AgentId} session outbox is full; closing it so the desktop reconnects")]
    public static partial void AgentOutboxFull(ILogger logger, string agentId);

    [LoggerMessage(7, LogLevel.Information, "Gateway {GatewayId} session attached; resending {Pending} unacknowledged instructions")]
    public static partial void GatewayAttached(ILogger logger, string gatewayId, int pending);

    [LoggerMessage(8, LogLevel.Warning, "Gateway {GatewayId} session outbox is full; closing it so the gateway reconnects and resumes")]
    public static partial void GatewayOutboxFull(ILogger logger, string gatewayId);

    [LoggerMessage(9, LogLevel.Warning, "{Refused} routine offer(s) refused since the last report: {InFlight} commands in flight exceed intake capacity {Capacity} (reported at most every 10 s)")]
    public static partial void IntakeRefused(ILogger logger, long refused, int inFlight, int capacity);

    [LoggerMessage(10, LogLevel.Error, "Event fan-out stopped")]
    public static partial void FanoutFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Call-event stream lagged at sequence {Sequence}; the client was told where to resume")]
    public static partial void CallEventsLagged(ILogger logger, long sequence);

    [LoggerMessage(12, LogLevel.Information, "Recovered {Events} journaled events: {LiveCalls} live calls, {Agents} agents awaiting reconnection, in {Elapsed}")]
    public static partial void Recovered(ILogger logger, long events, int liveCalls, int agents, TimeSpan elapsed);

    [LoggerMessage(13, LogLevel.Warning, "SIMULATION MODE: virtual clock starting at {VirtualStart:O}, moved only by SimulationService.AdvanceClock; journal {Journal}")]
    public static partial void SimulationMode(ILogger logger, DateTimeOffset virtualStart, string journal);

    [LoggerMessage(14, LogLevel.Information, "Replay done: {Instructions} instruction(s) for live calls handed back to their gateways, which receive those they have not acknowledged")]
    public static partial void GatewayInstructionsRecovered(ILogger logger, int instructions);
}
