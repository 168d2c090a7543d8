namespace Routing.LoadTest.Stress;

/// <summary>
/// Starts one request and reports its outcome through <paramref name="completed"/>: null for success, else an error
/// code (a gRPC status name such as RESOURCE_EXHAUSTED). <see cref="Send"/> must not wait for the reply: the
/// dispatcher calls it at each intended send time whatever earlier requests are doing.
/// </summary>
internal interface IRequestSender
{
    void Send(long sequence, Action<string?> completed);
}
