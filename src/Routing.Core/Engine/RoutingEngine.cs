using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Engine;

/// <summary>
/// One routing domain's decision maker: commands in, events out. Single-threaded by contract (the runtime loop
/// owns it). Every decision is made against <see cref="State"/> and expressed as events that are applied at once,
/// so a later decision in the same command sees the earlier ones. A refused command emits nothing.
/// </summary>
public sealed partial class RoutingEngine
{
    private readonly TimeProvider _time;
    private readonly List<RoutingEvent> _emitted = new(16);

    public RoutingEngine(RoutingOptions options, TriageRuleSet rules, TimeProvider time)
        : this(new RoutingState(options), rules, time)
    {
    }

    /// <summary>Continues from a state rebuilt by applying journaled events.</summary>
    public RoutingEngine(RoutingState state, TriageRuleSet rules, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        var errors = RoutingOptionsValidator.Validate(state.Options, rules);
        if (errors.Count > 0)
        {
            throw new RoutingConfigurationException(errors);
        }

        State = state;
        Rules = rules;
        _time = time;
    }

    public RoutingState State { get; }

    public TriageRuleSet Rules { get; }

    /// <summary>When the next timer is due, so the runtime can sleep until then.</summary>
    public DateTimeOffset? NextTimerDue => State.Timers.NextDue;

    /// <summary>
    /// Timers scheduled and not yet taken, stale ones included: timers are never cancelled, a stale one is dropped when
    /// it comes due. A diagnostic: it stays bounded by what the longest timer horizon holds, however long the domain runs.
    /// </summary>
    public int PendingTimerCount => State.Timers.Count;

    public RoutingResult Execute(RoutingCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _emitted.Clear();
        var now = Now();

        // Timers due before the command come first, so it is judged against the state it would have met in real time.
        FireDueTimers(now);
        var timerEvents = _emitted.Count;
        var outcome = command switch
        {
            OfferCall c => HandleOfferCall(c, now),
            UpdateCall c => HandleUpdateCall(c, now),
            EndCall c => HandleEndCall(c, now),
            RequestCallback c => HandleRequestCallback(c, now),
            LogIn c => HandleLogIn(c, now),
            SetReady c => HandleSetReady(c, now),
            SetNotReady c => HandleSetNotReady(c, now),
            LogOut c => HandleLogOut(c, now),
            AcceptOffer c => HandleAccept(c, now),
            DeclineOffer c => HandleDecline(c, now),
            CompleteCall c => HandleComplete(c, now),
            EndWrapUp c => HandleEndWrapUp(c, now),
            TransferCall c => HandleTransfer(c, now),
            ChangeUrgency c => HandleChangeUrgency(c, now),
            AdvanceTime => Outcome.Ok(AcknowledgedReply.Instance),
            QueryStanding c => HandleQueryStanding(c),
            _ => Outcome.Fail(RoutingError.Invalid("command", $"Unknown command {command.GetType().Name}.")),
        };

        if (outcome.Error is not null)
        {
            System.Diagnostics.Debug.Assert(_emitted.Count == timerEvents, "a refused command must not emit events");
            return RoutingResult.Failure(outcome.Error, _emitted.ToArray());
        }

        return RoutingResult.Success(outcome.Reply!, _emitted.ToArray());
    }

    /// <summary>The domain clock: the time provider, never earlier than the last event (clocks can step back).</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now >= State.LastEventAt ? now : State.LastEventAt;
    }

    private T Emit<T>(T e)
        where T : RoutingEvent
    {
        e.AssignSequence(State.LastSequence + 1);
        State.Apply(e);
        _emitted.Add(e);
        return e;
    }

    /// <summary>Internal result of a handler: either a reply or an error.</summary>
    private readonly record struct Outcome(CommandReply? Reply, RoutingError? Error)
    {
        public static Outcome Ok(CommandReply reply) => new(reply, null);

        public static Outcome Fail(RoutingError error) => new(null, error);

        public static implicit operator Outcome(RoutingError error) => Fail(error);
    }
}
