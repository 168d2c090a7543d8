using Grpc.Core;

namespace Routing.LoadTest.Month;

/// <summary>
/// Chains writes on one request stream: gRPC allows one write in flight per stream, and the driver must not wait for
/// each before going on, so every write awaits the one before it.
/// </summary>
internal static class StreamWrites
{
    public static async Task After<T>(Task previous, IClientStreamWriter<T> stream, T request)
    {
        await previous;
        await stream.WriteAsync(request);
    }
}
