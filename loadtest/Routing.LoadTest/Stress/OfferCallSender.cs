using Grpc.Core;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// Sends OfferCall for the open-loop dispatcher: builds the next call of the mix, starts the RPC without waiting and
/// reports the outcome as soon as the reply arrives (before any bookkeeping, so that stays out of the latency).
/// Routine calls that joined a queue are handed to caller patience; urgencies are tallied to check the mix.
/// </summary>
internal sealed class OfferCallSender : IRequestSender
{
    private readonly CallRoutingService.CallRoutingServiceClient _client;
    private readonly CallMix _mix;
    private readonly TimeSpan _timeout;
    private readonly CallerPatience? _patience;
    private readonly Tally _tally;

    public OfferCallSender(CallRoutingService.CallRoutingServiceClient client, CallMix mix, TimeSpan timeout, CallerPatience? patience, Tally tally)
    {
        _client = client;
        _mix = mix;
        _timeout = timeout;
        _patience = patience;
        _tally = tally;
    }

    public void Send(long sequence, Action<string?> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _ = SendAsync(_mix.Next(sequence), completed);
    }

    private async Task SendAsync(OfferCallRequest request, Action<string?> completed)
    {
        OfferCallResponse reply;
        try
        {
            using var call = _client.OfferCallAsync(request, deadline: DateTime.UtcNow + _timeout);
            reply = await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            completed(ErrorCodes.Of(ex.StatusCode));
            return;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException or ObjectDisposedException)
        {
            // Only the kind is kept: messages could quote request content.
            _tally.Add("client_error_" + ex.GetType().Name);
            completed(ErrorCodes.ClientError);
            return;
        }

        completed(null);
        _tally.Add("urgency_" + ErrorCodes.Snake(reply.Urgency.ToString()));
        if (reply.Urgency == Urgency.Routine)
        {
            _patience?.Waiting(request.CallId, request.GatewayId);
        }
    }
}
