using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Routing.Server.Observability;

/// <summary>Records every RPC's duration tagged with its method and final gRPC status code.</summary>
internal sealed class RpcMetricsInterceptor : Interceptor
{
    private readonly RoutingMetrics _metrics;

    public RpcMetricsInterceptor(RoutingMetrics metrics) => _metrics = metrics;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch
        {
            code = StatusCode.Internal;
            throw;
        }
        finally
        {
            _metrics.RecordRpc(context.Method, code.ToString(), Stopwatch.GetElapsedTime(started));
        }
    }
}
