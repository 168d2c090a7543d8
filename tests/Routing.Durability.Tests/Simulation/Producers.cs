using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Durability.Tests.Simulation;

/// <summary>
/// A source of commands, as one client of the domain would send them: a gateway or an agent desktop. Each has its own
/// seeded random stream and decides from the latest state it has seen, so it sends plenty of commands the engine
/// refuses (stale offers, wrong states, invalid input) besides the ones that succeed. Not thread-safe: one producer
/// is driven by one thread at a time.
/// </summary>
internal abstract class Producer
{
    protected Producer(int index, int seed)
    {
        Index = index;
        Random = new Random(SimulationSetup.Mix(seed, index, 0x5eed));
    }

    public int Index { get; }

    protected Random Random { get; }

    public abstract RoutingCommand Next(StateSnapshot? seen);

    protected T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];
}

/// <summary>A telephony gateway: offers calls (new, retried, conflicting, invalid), updates, ends and parks them.</summary>
internal sealed class GatewayProducer : Producer
{
    private static readonly string[] Reasons = ["SCHEDULING", "SCHEDULING", "SCHEDULING", "REFILL", "BILLING", "SYMPTOM", "OTHER"];
    private static readonly string[] Words =
    [
        "", "", "", "I need to book an appointment", "refill my blood pressure pills", "a question about my bill",
        "feeling dizzy since yesterday", "my chest hurts", "bad cough for a week", "my child has a rash",
    ];

    private static readonly string[] RedFlags = ["CARDIAC_CHEST", "STROKE", "DYSPNEA", "GI_BLEED", "HEADACHE_SUDDEN", "SUICIDAL_IDEATION"];

    private readonly List<OfferCall> _offers = [];
    private int _next;

    public GatewayProducer(int index, int seed)
        : base(index, seed)
    {
        GatewayId = $"gw{index}";
    }

    public string GatewayId { get; }

    /// <summary>A new call. Valid ones always create a call (and so always emit events).</summary>
    public OfferCall Fresh(bool valid = true)
    {
        var id = $"{GatewayId}-c{_next++}";
        var priority = valid ? (Random.Next(4) == 0 ? Random.Next(0, 10) : 0) : 10 + Random.Next(3);
        var offer = new OfferCall(id, RandomInput(), priority, GatewayId);
        _offers.Add(offer);
        return offer;
    }

    public override RoutingCommand Next(StateSnapshot? seen)
    {
        var roll = Random.Next(100);
        if (_offers.Count == 0 || roll < 40)
        {
            return Fresh(valid: Random.Next(15) != 0);
        }

        var offer = Pick(_offers);
        return roll switch
        {
            // A gateway retrying after a timeout: the same content must get the original decision back.
            < 52 => offer,

            // The same call id with other content: ALREADY_EXISTS (or a new call if the first offer never landed).
            < 55 => offer with { Priority = (offer.Priority + 1) % 10 },
            < 68 => new UpdateCall(offer.CallId, RandomUpdate()),
            < 80 => new EndCall(offer.CallId, Random.Next(3) == 0 ? CallEndReason.Completed : CallEndReason.CallerHungUp),
            < 90 => new RequestCallback(offer.CallId),
            < 93 => new EndCall(offer.CallId, CallEndReason.Unspecified),
            < 96 => new UpdateCall(seen is { LiveCallIds.Count: > 0 } ? Pick(seen.LiveCallIds) : "unknown-call", RandomUpdate()),
            _ => AdvanceTime.Instance,
        };
    }

    private TriageInput RandomInput() => new()
    {
        ReasonCode = Pick(Reasons),
        RedFlags = Random.Next(12) == 0 ? [Pick(RedFlags)] : [],
        CallerWords = Pick(Words),
        CallerAge = Random.Next(3) == 0 ? Random.Next(0, 100) : null,
        SeniorProgram = Random.Next(8) == 0,
        RepeatCallWithin72Hours = Random.Next(10) == 0,
        ScreenCompleted = Random.Next(3) != 0,
    };

    private TriageInput RandomUpdate() => new()
    {
        RedFlags = Random.Next(4) == 0 ? [Pick(RedFlags)] : [],
        CallerWords = Random.Next(2) == 0 ? Pick(Words) : string.Empty,
        CallerAge = Random.Next(6) == 0 ? Random.Next(0, 100) : null,
        ScreenCompleted = Random.Next(2) == 0,
    };
}

/// <summary>An agent desktop: logs in, gets ready, answers, declines, completes, transfers, changes urgency.</summary>
internal sealed class AgentProducer : Producer
{
    private static readonly string[] Skills = ["scheduling", "refills", "billing", "seniors"];

    private readonly AgentSkill[] _skills;

    public AgentProducer(int index, int seed)
        : base(index, seed)
    {
        AgentId = $"ag{index}";
        Role = Random.Next(3) == 0 ? AgentRole.Clinician : AgentRole.NonClinical;
        _skills = Role == AgentRole.Clinician
            ? [new AgentSkill("triage", Random.Next(1, 6))]
            : Skills.Where(_ => Random.Next(2) == 0).DefaultIfEmpty("scheduling").Select(s => new AgentSkill(s, Random.Next(1, 6))).ToArray();
    }

    public string AgentId { get; }

    public AgentRole Role { get; }

    public override RoutingCommand Next(StateSnapshot? seen)
    {
        var me = seen?.Agents.GetValueOrDefault(AgentId);
        var roll = Random.Next(100);
        if (me is null || me.Status == AgentStatus.LoggedOut)
        {
            return roll < 90 ? new LogIn(AgentId, Role, _skills) : new SetReady(AgentId);
        }

        return me.Status switch
        {
            AgentStatus.NotReady => roll switch
            {
                < 70 => new SetReady(AgentId),
                < 78 => new LogIn(AgentId, Role, _skills),
                < 83 => new LogIn(AgentId, Role, [new AgentSkill("billing", 1)]),
                < 90 => new LogOut(AgentId),
                _ => new SetNotReady(AgentId, "break"),
            },
            AgentStatus.Available => roll switch
            {
                < 12 => new SetNotReady(AgentId, "lunch"),
                < 16 => new LogOut(AgentId),
                < 30 => ChangeUrgency(seen!),
                < 38 => new EndWrapUp(AgentId),
                < 45 => new AcceptOffer(AgentId, seen!.LiveCallIds.Count > 0 ? Pick(seen.LiveCallIds) : "none"),
                _ => new SetReady(AgentId),
            },
            AgentStatus.Reserved => roll switch
            {
                < 60 => new AcceptOffer(AgentId, me.CallId!),
                < 78 => new DeclineOffer(AgentId, me.CallId!, Random.Next(2) == 0 ? "busy" : string.Empty),
                < 83 => new LogOut(AgentId),
                < 90 => new AcceptOffer(AgentId, "not-offered"),
                _ => new SetNotReady(AgentId, "break"),
            },
            AgentStatus.OnCall => roll switch
            {
                < 50 => new CompleteCall(AgentId, me.CallId!),
                < 65 => new TransferCall(AgentId, me.CallId!, Pick(SimulationSetup.QueueIds)),
                < 77 => new ChangeUrgency(AgentId, me.CallId!, RandomUrgency(), Random.Next(2) == 0 ? "clinical judgement" : string.Empty),
                < 85 => new EndCall(me.CallId!, Random.Next(2) == 0 ? CallEndReason.Completed : CallEndReason.CallerHungUp),
                < 90 => new TransferCall(AgentId, me.CallId!, "no-such-queue"),
                _ => new LogOut(AgentId),
            },
            AgentStatus.WrapUp => roll switch
            {
                < 60 => new EndWrapUp(AgentId),
                < 80 => new SetReady(AgentId),
                _ => new SetNotReady(AgentId, "admin"),
            },
            _ => new SetReady(AgentId),
        };
    }

    private ChangeUrgency ChangeUrgency(StateSnapshot seen)
    {
        var target = seen.LiveCallIds.Count > 0 ? Pick(seen.LiveCallIds) : "none";
        return new ChangeUrgency(AgentId, target, RandomUrgency(), Random.Next(3) == 0 ? string.Empty : "reassessed");
    }

    private Urgency RandomUrgency() => (Urgency)Random.Next(0, 6);
}
