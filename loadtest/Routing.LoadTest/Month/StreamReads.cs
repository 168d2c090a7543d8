using Grpc.Core;

namespace Routing.LoadTest.Month;

/// <summary>
/// Reads a driver's response stream to its end. A stream that breaks while the driver still uses it is a problem of the
/// run (reported); one that breaks because the driver is closing it is not.
/// </summary>
internal static class StreamReads
{
    public static async Task DrainAsync<T>(IAsyncStreamReader<T> responses, Action<T> handle, Func<bool> closing, Action<StatusCode> failed, Action ended)
    {
        try
        {
            while (await responses.MoveNext(CancellationToken.None))
            {
                handle(responses.Current);
            }
        }
        catch (RpcException e) when (!closing())
        {
            failed(e.StatusCode);
        }
        catch (RpcException)
        {
        }
        finally
        {
            ended();
        }
    }
}
