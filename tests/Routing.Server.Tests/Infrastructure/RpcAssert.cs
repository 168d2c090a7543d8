using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Routing.Server.Tests.Infrastructure;

/// <summary>Asserts on rich gRPC errors (google.rpc.Status in the grpc-status-details-bin trailer).</summary>
internal static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(ex.StatusCode == code, $"Expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        Assert.NotEqual(StatusCode.Unknown, ex.StatusCode);
        return ex;
    }

    /// <summary>The status names <paramref name="field"/> in a BadRequest field violation.</summary>
    public static void NamesField(RpcException ex, string field)
    {
        var bad = Detail<BadRequest>(ex);
        Assert.Contains(bad.FieldViolations, v => v.Field == field && !string.IsNullOrWhiteSpace(v.Description));
    }

    public static T Detail<T>(RpcException ex)
        where T : class, IMessage<T>, new()
    {
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)ex.StatusCode, status.Code);
        return status.GetDetail<T>() ?? throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} in the status details of {ex.Status}.");
    }
}
