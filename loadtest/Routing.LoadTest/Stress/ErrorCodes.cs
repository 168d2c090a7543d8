using System.Text;
using Grpc.Core;

namespace Routing.LoadTest.Stress;

/// <summary>Names under which failures are counted: gRPC status codes as the protocol spells them, plus the client's own.</summary>
internal static class ErrorCodes
{
    public const string ResourceExhausted = "RESOURCE_EXHAUSTED";

    /// <summary>The in-flight cap stayed full until the step gave up: the request was never sent.</summary>
    public const string NotSent = "NOT_SENT";

    /// <summary>Sent, but no reply before the step gave up waiting.</summary>
    public const string NoReply = "NO_REPLY";

    /// <summary>The client failed without a gRPC status (a bug or a broken connection below gRPC).</summary>
    public const string ClientError = "CLIENT_ERROR";

    /// <summary>StatusCode.ResourceExhausted → RESOURCE_EXHAUSTED.</summary>
    public static string Of(StatusCode code) => Snake(code.ToString());

    /// <summary>A C# enum member name in the protocol's upper snake case: FailedPrecondition → FAILED_PRECONDITION.</summary>
    public static string Snake(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
