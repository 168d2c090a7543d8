namespace Routing.Core.Engine;

/// <summary>The routing configuration is invalid; <see cref="Errors"/> names each bad setting.</summary>
public sealed class RoutingConfigurationException : Exception
{
    public RoutingConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid routing configuration: " + string.Join(" ", errors))
    {
        Errors = errors;
    }

    public RoutingConfigurationException()
        : this([])
    {
    }

    public RoutingConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public RoutingConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
