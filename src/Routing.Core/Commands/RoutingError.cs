namespace Routing.Core.Commands;

/// <summary>A refused command. State is untouched. <see cref="Field"/> names the offending input field, if one.</summary>
public sealed record RoutingError(RoutingErrorCode Code, string Message, string? Field = null)
{
    public static RoutingError Invalid(string field, string message) => new(RoutingErrorCode.InvalidArgument, message, field);

    public static RoutingError NotFound(string field, string message) => new(RoutingErrorCode.NotFound, message, field);

    public static RoutingError Precondition(string message) => new(RoutingErrorCode.FailedPrecondition, message);

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Code} ({Field}): {Message}";
}
