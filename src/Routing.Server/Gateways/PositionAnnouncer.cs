using Google.Protobuf.WellKnownTypes;
using Routing.Core.Commands;
using Routing.Runtime;
using Routing.Server.Hosting;
using Routing.Server.Simulation;
using Routing.V1;

namespace Routing.Server.Gateways;

/// <summary>
/// Every <c>Routing:AnnounceInterval</c>, asks the domain where each caller waiting on the line stands and tells
/// their gateway, so the caller hears their position and estimated wait. The query changes nothing and journals
/// nothing; announcements carry sequence 0 and need no acknowledgement.
/// </summary>
internal sealed class PositionAnnouncer : BackgroundService
{
    private const int QueryChunk = 512;

    private readonly RoutingHost _host;
    private readonly EventFanout _fanout;
    private readonly GatewayRegistry _gateways;
    private readonly SettleTracker _settle;

    public PositionAnnouncer(RoutingHost host, EventFanout fanout, GatewayRegistry gateways, SettleTracker settle)
    {
        _host = host;
        _fanout = fanout;
        _gateways = gateways;
        _settle = settle;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = _host.Configuration.Server.AnnounceInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        // A PeriodicTimer that a simulation's AdvanceClock also waits for: a tick counts until its announcements are out.
        using var timer = new WorkTicker(interval, _host.Time, _settle);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await AnnounceAsync(stoppingToken);
                }
                finally
                {
                    timer.TickHandled();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or RoutingDomainStoppedException)
        {
        }
    }

    private async Task AnnounceAsync(CancellationToken ct)
    {
        var waiting = _fanout.WaitingOnLine.ToArray();
        for (var start = 0; start < waiting.Length; start += QueryChunk)
        {
            var chunk = waiting.AsMemory(start, Math.Min(QueryChunk, waiting.Length - start)).ToArray();
            var result = await _host.Domain.ExecuteAsync(new QueryStanding(chunk.Select(c => c.Key).ToArray()), ct);
            if (result.Reply is not StandingReply reply)
            {
                continue;
            }

            var gateways = chunk.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
            var now = Timestamp.FromDateTimeOffset(_host.Time.GetUtcNow());
            foreach (var standing in reply.Calls)
            {
                _gateways.Announce(gateways[standing.CallId], new GatewaySessionResponse
                {
                    Sequence = 0,
                    CallId = standing.CallId,
                    IssuedAt = now,
                    AnnouncePosition = new AnnouncePositionInstruction
                    {
                        Position = standing.Position,
                        EstimatedWait = Duration.FromTimeSpan(standing.EstimatedWait),
                    },
                });
            }
        }
    }
}
