namespace Routing.Core.Commands;

/// <summary>Why a command was refused. Mirrors the gRPC codes the server maps them to.</summary>
public enum RoutingErrorCode
{
    InvalidArgument = 1,
    NotFound = 2,
    AlreadyExists = 3,
    FailedPrecondition = 4,
    PermissionDenied = 5,
}
