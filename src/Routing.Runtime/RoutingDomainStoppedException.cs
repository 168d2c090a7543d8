namespace Routing.Runtime;

/// <summary>
/// The routing domain has stopped: the command was not acknowledged, and no later one will be. When it stopped
/// because of a fault (the journal failed, the engine threw), <see cref="Exception.InnerException"/> is the cause.
/// </summary>
/// <remarks>
/// A command refused this way was never acknowledged, but if the journal failed during its append, whether its
/// events reached storage is up to the journal: replaying the journal after a restart is what decides.
/// </remarks>
public sealed class RoutingDomainStoppedException : Exception
{
    public RoutingDomainStoppedException()
        : base("The routing domain has stopped.")
    {
    }

    public RoutingDomainStoppedException(string message)
        : base(message)
    {
    }

    public RoutingDomainStoppedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the domain stopped because of a fault rather than being asked to.</summary>
    public bool Faulted => InnerException is not null;
}
