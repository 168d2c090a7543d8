using Grpc.Core;
using Routing.Core.Commands;
using Routing.Core.Events;
using Routing.Core.Urgencies;
using Routing.Runtime;
using Routing.Server.Errors;
using Routing.Server.Gateways;
using Routing.Server.Hosting;
using Routing.Server.Observability;
using Routing.V1;
using CoreEndCall = Routing.Core.Commands.EndCall;
using CoreOfferCall = Routing.Core.Commands.OfferCall;
using CoreRequestCallback = Routing.Core.Commands.RequestCallback;
using CoreUpdateCall = Routing.Core.Commands.UpdateCall;

namespace Routing.Server.Calls;

/// <summary>Telephony gateways: offer, update and end calls; receive instructions on a session stream.</summary>
internal sealed class CallRoutingGrpcService : CallRoutingService.CallRoutingServiceBase
{
    private readonly RoutingHost _host;
    private readonly GatewayRegistry _gateways;
    private readonly IntakeGate _intake;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<CallRoutingGrpcService> _logger;

    public CallRoutingGrpcService(RoutingHost host, GatewayRegistry gateways, IntakeGate intake, IHostApplicationLifetime lifetime, ILogger<CallRoutingGrpcService> logger)
    {
        _host = host;
        _gateways = gateways;
        _intake = intake;
        _lifetime = lifetime;
        _logger = logger;
    }

    public override async Task<OfferCallResponse> OfferCall(OfferCallRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var input = CallMapper.ToInput(request);
        var capacity = _host.Configuration.Server.IntakeCapacity;
        if (_intake.InFlight >= capacity && _host.Configuration.Rules.Evaluate(input).Urgency == Core.Urgencies.Urgency.Routine)
        {
            if (_intake.CountRefusal(_host.Time.GetUtcNow()) is var refused and > 0)
            {
                Log.IntakeRefused(_logger, refused, _intake.InFlight, capacity);
            }

            throw RpcErrors.ResourceExhausted("Routing is at intake capacity; retry this routine call shortly.", _host.Configuration.Server.IntakeRetryAfter);
        }

        var gatewayId = string.IsNullOrEmpty(request.GatewayId) ? null : request.GatewayId;
        var reply = await ExecuteAsync<OfferCallReply>(new CoreOfferCall(request.CallId, input, request.Priority, gatewayId), context);
        return CallMapper.ToResponse(reply);
    }

    public override async Task<UpdateCallResponse> UpdateCall(UpdateCallRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await ExecuteAsync<UpdateCallReply>(new CoreUpdateCall(request.CallId, CallMapper.ToInput(request)), context);
        var queueId = reply.Urgency.IsClinical() ? _host.Configuration.Rules.ClinicalQueueId : reply.Decision.QueueId;
        return CallMapper.ToResponse(reply, queueId);
    }

    public override async Task<EndCallResponse> EndCall(EndCallRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CallMapper.ToEndReason(request.Reason) is not { } reason)
        {
            throw RpcErrors.InvalidArgument("reason", "reason is required: END_CALL_REASON_CALLER_HUNG_UP or END_CALL_REASON_COMPLETED.");
        }

        var result = await RunAsync(new CoreEndCall(request.CallId, reason), context);
        var abandoned = result.Events.OfType<CallAbandoned>().FirstOrDefault(e => e.CallId == request.CallId);
        return new EndCallResponse
        {
            Abandoned = abandoned is not null,
            SafetyNetCallbackCreated = abandoned?.BecomesSafetyNetCallback ?? false,
        };
    }

    public override async Task<RequestCallbackResponse> RequestCallback(RequestCallbackRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await ExecuteAsync<CallbackReply>(new CoreRequestCallback(request.CallId), context);
        return new RequestCallbackResponse
        {
            Position = reply.Position,
            EstimatedWait = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(reply.EstimatedWait),
        };
    }

    public override async Task GatewaySession(IAsyncStreamReader<GatewaySessionRequest> requestStream, IServerStreamWriter<GatewaySessionResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _lifetime.ApplicationStopping);
        if (!await requestStream.MoveNext(ended.Token))
        {
            return;
        }

        var first = requestStream.Current;
        if (first.KindCase != GatewaySessionRequest.KindOneofCase.Hello || string.IsNullOrWhiteSpace(first.Hello.GatewayId))
        {
            throw RpcErrors.InvalidArgument("hello.gateway_id", "The first message on a gateway session is hello with the gateway_id.");
        }

        var outbox = _gateways.For(first.Hello.GatewayId);
        var instructions = outbox.Attach(first.Hello.LastAcknowledgedSequence, out var resent);
        Log.GatewayAttached(_logger, first.Hello.GatewayId, resent);

        // One writer task per stream; the request loop only records acknowledgements.
        var writer = WriteInstructionsAsync(outbox, instructions, responseStream, ended);
        try
        {
            while (await requestStream.MoveNext(ended.Token))
            {
                if (requestStream.Current.KindCase == GatewaySessionRequest.KindOneofCase.Ack)
                {
                    outbox.Acknowledge(requestStream.Current.Ack.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
        }
        catch (IOException) when (ended.IsCancellationRequested || context.CancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            outbox.Detach(instructions);
            await ended.CancelAsync();
            try
            {
                await writer;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
            {
            }
            finally
            {
                outbox.DiscardUnwritten(instructions);
            }
        }
    }

    private static async Task WriteInstructionsAsync(GatewayOutbox outbox, System.Threading.Channels.ChannelReader<GatewaySessionResponse> instructions, IServerStreamWriter<GatewaySessionResponse> stream, CancellationTokenSource ended)
    {
        try
        {
            await foreach (var instruction in instructions.ReadAllAsync(ended.Token))
            {
                var written = false;
                try
                {
                    await stream.WriteAsync(instruction, ended.Token);
                    written = true;
                }
                finally
                {
                    if (written)
                    {
                        outbox.Written(instruction);
                    }
                    else
                    {
                        outbox.NotWritten();
                    }
                }
            }
        }
        finally
        {
            // The outbox ended this connection (replaced, or too far behind): end the call so the gateway reconnects.
            await ended.CancelAsync();
        }
    }

    private async Task<T> ExecuteAsync<T>(RoutingCommand command, ServerCallContext context)
        where T : CommandReply
    {
        var result = await RunAsync(command, context);
        return (T)result.Reply!;
    }

    private async Task<RoutingResult> RunAsync(RoutingCommand command, ServerCallContext context)
    {
        _intake.Enter();
        try
        {
            // The deadline's token counts only while the command waits in line: once the engine runs it, the
            // caller gets the durable outcome (a retry with the same call id is then answered idempotently).
            var result = await _host.Domain.ExecuteAsync(command, context.CancellationToken);
            return result.Error is { } error ? throw RpcErrors.From(error) : result;
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // Either way the command never ran, so retrying it is safe.
            throw context.Deadline <= DateTime.UtcNow
                ? new RpcException(new Status(StatusCode.DeadlineExceeded, "The deadline passed before the command ran; it was not executed."))
                : new RpcException(new Status(StatusCode.Cancelled, "The client cancelled before the command ran; it was not executed."));
        }
        catch (RoutingDomainStoppedException)
        {
            throw RpcErrors.Unavailable("The routing domain is stopping; retry against the restarted server.");
        }
        finally
        {
            _intake.Leave();
        }
    }
}
