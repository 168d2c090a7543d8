using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Routing.Core.Commands;

namespace Routing.Server.Errors;

/// <summary>
/// Maps domain refusals to rich google.rpc.Status errors: a client mistake is never UNKNOWN, and bad input names
/// the field (BadRequest field violations) so a gateway developer can fix the request without reading our logs.
/// </summary>
internal static class RpcErrors
{
    public static RpcException From(RoutingError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Code switch
        {
            RoutingErrorCode.InvalidArgument => Code.InvalidArgument,
            RoutingErrorCode.NotFound => Code.NotFound,
            RoutingErrorCode.AlreadyExists => Code.AlreadyExists,
            RoutingErrorCode.PermissionDenied => Code.PermissionDenied,
            _ => Code.FailedPrecondition,
        };
        var status = new Google.Rpc.Status { Code = (int)code, Message = error.Message };
        if (error.Code == RoutingErrorCode.InvalidArgument && error.Field is not null)
        {
            status.Details.Add(Any.Pack(BadRequestFor(error.Field, error.Message)));
        }
        else if (error.Code == RoutingErrorCode.FailedPrecondition)
        {
            status.Details.Add(Any.Pack(new PreconditionFailure
            {
                Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Subject = error.Field ?? string.Empty, Description = error.Message } },
            }));
        }
        else if (error.Field is not null)
        {
            status.Details.Add(Any.Pack(new ErrorInfo { Reason = error.Code.ToString().ToUpperInvariant(), Domain = "routing.v1", Metadata = { ["field"] = error.Field } }));
        }

        return status.ToRpcException();
    }

    public static RpcException InvalidArgument(string field, string description)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = description };
        status.Details.Add(Any.Pack(BadRequestFor(field, description)));
        return status.ToRpcException();
    }

    /// <summary>The server is not in the state the call needs; <paramref name="subject"/> names what would have to change.</summary>
    public static RpcException FailedPrecondition(string type, string subject, string description)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = description };
        status.Details.Add(Any.Pack(new PreconditionFailure
        {
            Violations = { new PreconditionFailure.Types.Violation { Type = type, Subject = subject, Description = description } },
        }));
        return status.ToRpcException();
    }

    public static RpcException ResourceExhausted(string message, TimeSpan retryAfter)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.ResourceExhausted, Message = message };
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }));
        return status.ToRpcException();
    }

    /// <summary>An event stream client fell further behind than the server buffers: say where to resume, never skip.</summary>
    public static RpcException Lagged(long lastDelivered, long resumeFrom)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"The client fell too far behind; events after {lastDelivered} were not sent. Resume with from_sequence = {resumeFrom}.",
        };
        status.Details.Add(Any.Pack(new ErrorInfo
        {
            Reason = "SUBSCRIBER_LAGGED",
            Domain = "routing.v1",
            Metadata = { ["last_delivered_sequence"] = lastDelivered.ToString(System.Globalization.CultureInfo.InvariantCulture), ["resume_from"] = resumeFrom.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));
        return status.ToRpcException();
    }

    public static RpcException Unavailable(string message) => new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = message }.ToRpcException();

    private static BadRequest BadRequestFor(string field, string description) =>
        new() { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } } };
}
