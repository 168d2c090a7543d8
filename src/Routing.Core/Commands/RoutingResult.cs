using Routing.Core.Events;

namespace Routing.Core.Commands;

/// <summary>
/// The outcome of one command: an error or a reply, and the events in sequence order. Events include timers that
/// came due before the command ran, so even a refused command can carry events (never its own): journal them too.
/// </summary>
public sealed class RoutingResult
{
    private RoutingResult(RoutingError? error, CommandReply? reply, RoutingEvent[] events)
    {
        Error = error;
        Reply = reply;
        Events = events;
    }

    public RoutingError? Error { get; }

    public CommandReply? Reply { get; }

    public IReadOnlyList<RoutingEvent> Events { get; }

    public bool Succeeded => Error is null;

    internal static RoutingResult Success(CommandReply reply, RoutingEvent[] events) => new(null, reply, events);

    internal static RoutingResult Failure(RoutingError error, RoutingEvent[] events) => new(error, null, events);
}
