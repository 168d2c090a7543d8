using Routing.Core.Agents;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Commands;

/// <summary>What a command returns to its caller besides events.</summary>
public abstract record CommandReply;

/// <summary>The triage decision for an offered call, with where it stands.</summary>
/// <param name="Duplicate">True when this was a retry of an earlier identical offer: no new call was created.</param>
/// <param name="EmergencyAdvice">The gateway must play emergency advice now.</param>
/// <param name="Sequence">Sequence of the arrival event (of the original offer, for a duplicate).</param>
public sealed record OfferCallReply(TriageDecision Decision, int Position, TimeSpan EstimatedWait, bool EmergencyAdvice, bool Duplicate, long Sequence)
    : CommandReply;

public sealed record UpdateCallReply(TriageDecision Decision, Urgency Urgency, bool Raised) : CommandReply;

/// <summary>Where one waiting caller stands.</summary>
public sealed record CallStanding(string CallId, int Position, TimeSpan EstimatedWait);

public sealed record StandingReply(IReadOnlyList<CallStanding> Calls) : CommandReply;

public sealed record CallbackReply(int Position, TimeSpan EstimatedWait) : CommandReply;

public sealed record AgentReply(AgentStatus Status, string? CallId) : CommandReply;

public sealed record AcknowledgedReply : CommandReply
{
    public static readonly AcknowledgedReply Instance = new();
}
