using System.Diagnostics.Metrics;
using Routing.Core.Events;
using Routing.Core.Urgencies;
using Routing.Server.Hosting;

namespace Routing.Server.Observability;

/// <summary>
/// OpenTelemetry instruments. Tags are queue ids, urgency classes, gRPC methods and status codes: nothing about a
/// caller. Queue depth is counted here from events so the scrape never touches the domain.
/// </summary>
internal sealed class RoutingMetrics : IDisposable
{
    public const string MeterName = "Routing";

    private readonly Meter _meter;
    private readonly Counter<long> _offered;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _abandoned;
    private readonly Counter<long> _breaches;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _rpcDuration;
    private readonly Dictionary<string, int> _depth = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _waitingIn = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public RoutingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _offered = _meter.CreateCounter<long>("routing.calls.offered", "{call}", "Calls offered by gateways, by queue and class at arrival.");
        _answered = _meter.CreateCounter<long>("routing.calls.answered", "{call}", "Calls answered by an agent (first answer).");
        _abandoned = _meter.CreateCounter<long>("routing.calls.abandoned", "{call}", "Callers who hung up before an answer.");
        _breaches = _meter.CreateCounter<long>("routing.escalation.breaches", "{call}", "Deadlines to clinician breached.");
        _wait = _meter.CreateHistogram<double>("routing.call.wait", "s", "Wait from first arrival to first answer.");
        _rpcDuration = _meter.CreateHistogram<double>("routing.rpc.duration", "s", "gRPC call durations by method and status code.");
        _meter.CreateObservableGauge("routing.queue.depth", ObserveDepth, "{call}", "Calls waiting per queue.");
    }

    public void Record(RoutingEvent e, CallInfo? call)
    {
        switch (e)
        {
            case CallArrived x:
                _offered.Add(1, Tags(x.Decision.QueueId, x.Decision.Urgency));
                break;
            case CallQueued x:
                Move(x.CallId, x.QueueId);
                break;
            case CallTransferred x:
                Move(x.CallId, x.ToQueueId);
                break;
            case CallOffered x:
                Move(x.CallId, null);
                break;
            case OfferDeclined or OfferTimedOut or OfferCancelled when call is not null:
                Move(call.CallId, call.QueueId);
                break;
            case CallAccepted x when call is not null:
                _answered.Add(1, Tags(call.QueueId, call.Urgency));
                _wait.Record((x.At - call.ArrivedAt).TotalSeconds, Tags(call.QueueId, call.Urgency));
                break;
            case CallAbandoned x when call is not null:
                _abandoned.Add(1, Tags(x.QueueId, call.Urgency));
                if (!x.BecomesSafetyNetCallback)
                {
                    Move(x.CallId, null);
                }

                break;
            case EscalationBreached x:
                _breaches.Add(1, new KeyValuePair<string, object?>("urgency", x.Urgency.ToCode()));
                break;
        }
    }

    public void RecordRpc(string method, string statusCode, TimeSpan duration) =>
        _rpcDuration.Record(duration.TotalSeconds, new("rpc.method", method), new("rpc.grpc.status_code", statusCode));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string queueId, Urgency urgency) =>
        [new("queue", queueId), new("urgency", urgency.ToCode())];

    private void Move(string callId, string? toQueue)
    {
        lock (_lock)
        {
            if (_waitingIn.Remove(callId, out var from))
            {
                _depth[from]--;
            }

            if (toQueue is not null)
            {
                _waitingIn[callId] = toQueue;
                _depth[toQueue] = _depth.GetValueOrDefault(toQueue) + 1;
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveDepth()
    {
        lock (_lock)
        {
            return _depth.Select(d => new Measurement<int>(d.Value, new KeyValuePair<string, object?>("queue", d.Key))).ToArray();
        }
    }
}
