using Grpc.Core;
using Routing.GrpcBench.Echo;

namespace Routing.GrpcBench;

/// <summary>The baseline: answers with what it is sent, and does nothing else (DurableEcho: after making it durable).</summary>
internal sealed class EchoServiceImpl(DurableEchoLog log) : EchoService.EchoServiceBase
{
    public override Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new EchoResponse { Id = request.Id, Payload = request.Payload });
    }

    public override async Task<EchoResponse> DurableEcho(EchoRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        await log.AppendAsync(request.Id, request.Payload.ToByteArray());
        return new EchoResponse { Id = request.Id, Payload = request.Payload };
    }

    public override async Task EchoStream(IAsyncStreamReader<EchoRequest> requestStream, IServerStreamWriter<EchoResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            await responseStream.WriteAsync(new EchoResponse { Id = request.Id, Payload = request.Payload }, context.CancellationToken);
        }
    }
}
