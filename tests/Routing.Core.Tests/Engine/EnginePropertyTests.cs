using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Routing.Core.Agents;
using Routing.Core.Calls;
using Routing.Core.Commands;
using Routing.Core.Configuration;
using Routing.Core.Engine;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Engine;

/// <summary>
/// Random command sequences against the real engine. After every command the invariants hold; every offer goes to
/// the agent's best waiting call (class order never violated); a refused command changes nothing; no offered call is
/// lost; and a state rebuilt from the events alone is identical and keeps behaving identically.
/// </summary>
public sealed class EnginePropertyTests
{
    private static readonly TriageInput[] Inputs =
    [
        new() { ReasonCode = "SCHEDULING", ScreenCompleted = true },
        new() { ReasonCode = "REFILL", ScreenCompleted = true },
        new() { ReasonCode = "BILLING", ScreenCompleted = true, CallerAge = 70 },
        new() { ReasonCode = "SCHEDULING", CallerWords = "my chest feels tight" },
        new() { ReasonCode = "SYMPTOM", CallerWords = "severe headache" },
        new() { ReasonCode = "SYMPTOM" },
        new() { ReasonCode = "SYMPTOM", ScreenCompleted = true },
        new() { ReasonCode = "SCHEDULING", ScreenCompleted = true, SeniorProgram = true },
        new() { ReasonCode = "SCHEDULING", RedFlags = ["GI_BLEED"] },
    ];

    private static readonly string[] QueueIds = ["scheduling", "prescriptions", "billing", "clinical-triage", "senior-line"];
    private static readonly string[] Skills = ["scheduling", "refills", "billing", "seniors"];

    private static readonly Gen<(int Op, int A, int B, int C)> Step =
        Gen.Select(Gen.Int[0, 19], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 60]);

    [Fact]
    public void Random_command_sequences_keep_every_invariant_and_replay_exactly()
    {
        Step.Array[1, 250].Sample(RunAndCheck, iter: 300, seed: null);
    }

    [Fact]
    public void Random_sequences_with_reserved_clinicians_and_short_timers_keep_every_invariant()
    {
        Step.Array[1, 250].Sample(steps => RunAndCheck(steps, reserved: 1), iter: 150);
    }

    private static void RunAndCheck((int Op, int A, int B, int C)[] steps) => RunAndCheck(steps, reserved: 0);

    private static void RunAndCheck((int Op, int A, int B, int C)[] steps, int reserved)
    {
        var options = EngineHarness.DefaultOptions() with
        {
            ReservedClinicians = reserved,
            EndedCallRetention = TimeSpan.FromDays(1000), // every offered call must still be found at the end
            Queues = EngineHarness.DefaultOptions().Queues
                .Select(q => q with { RingTimeout = TimeSpan.FromSeconds(15), WrapUp = TimeSpan.FromSeconds(q.Clinical ? 0 : 20), MaxWait = q.Clinical ? null : TimeSpan.FromMinutes(4) })
                .Select(q => q.Id == "billing" ? q with { Overflow = [new OverflowStep(TimeSpan.FromSeconds(90), MoveToQueueId: "scheduling")] } : q)
                .ToArray(),
        };
        var rules = TriageRuleSetLoader.LoadDefault();
        var time = new FakeTimeProvider(EngineHarness.Start);
        var engine = new RoutingEngine(options, rules, time);
        var events = new List<RoutingEvent>();
        var offered = new HashSet<string>(StringComparer.Ordinal);

        foreach (var step in steps)
        {
            var command = ToCommand(step, engine.State, time);
            var before = engine.State.Describe();
            var result = engine.Execute(command);
            events.AddRange(result.Events);
            if (!result.Succeeded && result.Events.Count == 0)
            {
                Assert.Equal(before, engine.State.Describe());
            }

            if (result.Succeeded && command is OfferCall offer)
            {
                offered.Add(offer.CallId);
            }

            var violations = engine.State.CheckInvariants();
            Assert.True(violations.Count == 0, $"after {command}: {string.Join("; ", violations)}");
        }

        // No call lost: every accepted offer is a call the engine still knows, in exactly one place.
        Assert.All(offered, id => Assert.NotNull(engine.State.FindCall(id)));
        Assert.Equal(offered.Count, engine.State.Calls.Count);

        var replayed = ReplayCheckingClassOrder(options, events);
        Assert.Equal(engine.State.Describe(), replayed.Describe());

        // A snapshot of the state restores to the same state, indexes and timers included.
        var restored = RoutingState.Restore(options, engine.State.Capture());
        Assert.Equal(engine.State.Describe(), restored.Describe());
        Assert.Empty(restored.CheckInvariants());

        // The rebuilt and the restored states have the same timers: all three engines must do the same from here on.
        var twinTime = new FakeTimeProvider(time.GetUtcNow());
        var twin = new RoutingEngine(replayed, rules, twinTime);
        var snapshotTime = new FakeTimeProvider(time.GetUtcNow());
        var fromSnapshot = new RoutingEngine(restored, rules, snapshotTime);
        for (var i = 0; i < 12; i++)
        {
            time.Advance(TimeSpan.FromSeconds(45));
            twinTime.Advance(TimeSpan.FromSeconds(45));
            snapshotTime.Advance(TimeSpan.FromSeconds(45));
            var a = engine.Execute(AdvanceTime.Instance).Events;
            var b = twin.Execute(AdvanceTime.Instance).Events;
            var c = fromSnapshot.Execute(AdvanceTime.Instance).Events;
            Assert.Equal(a.Select(Describe), b.Select(Describe));
            Assert.Equal(a.Select(Describe), c.Select(Describe));
        }

        Assert.Equal(engine.State.Describe(), twin.State.Describe());
        Assert.Equal(engine.State.Describe(), fromSnapshot.State.Describe());
    }

    private static string Describe(RoutingEvent e) => $"{e.Sequence} {e.At:O} {e}";

    /// <summary>Applies events to a fresh state; before each offer, the offered call must be the agent's best waiting call.</summary>
    private static RoutingState ReplayCheckingClassOrder(RoutingOptions options, List<RoutingEvent> events)
    {
        var state = new RoutingState(options);
        foreach (var e in events)
        {
            if (e is CallOffered offer)
            {
                var agent = state.FindAgent(offer.AgentId)!;
                var best = state.BestWaitingCallFor(agent);
                Assert.True(best?.Id == offer.CallId, $"event {offer.Sequence}: offered {offer.CallId} to {agent.Id} while {best?.Id} ({best?.Urgency}) was first in line");
            }

            state.Apply(e);
        }

        return state;
    }

    private static RoutingCommand ToCommand((int Op, int A, int B, int C) s, RoutingState state, FakeTimeProvider time)
    {
        var callId = $"c{(s.A * 6) + s.B}";
        var agentId = $"a{s.A}";
        var agent = state.FindAgent(agentId);
        var agentCall = agent?.CallId ?? callId;
        if (s.Op is >= 11 and <= 17 && s.B % 4 != 0)
        {
            // Mostly act on an agent who holds a call, so accepts, completions and transfers actually happen.
            var busy = state.Agents.Where(a => a.CallId is not null).OrderBy(a => a.Id, StringComparer.Ordinal).ToArray();
            if (busy.Length > 0)
            {
                agentId = busy[s.A % busy.Length].Id;
                agentCall = busy[s.A % busy.Length].CallId!;
            }
        }

        switch (s.Op)
        {
            case 0:
            case 1:
            case 2:
                return new OfferCall(callId, Inputs[s.C % Inputs.Length], s.C % 3);
            case 3:
                return new UpdateCall(callId, Inputs[(s.C + s.B) % Inputs.Length]);
            case 4:
                return new EndCall(callId, CallEndReason.CallerHungUp);
            case 5:
                return new EndCall(callId, CallEndReason.Completed);
            case 6:
                return new RequestCallback(callId);
            case 7:
                var skills = Skills.Where((_, i) => ((s.C >> i) & 1) == 1).Select(k => new AgentSkill(k, 1 + (s.C % 5))).ToArray();
                return new LogIn(agentId, s.B % 3 == 0 ? AgentRole.Clinician : AgentRole.NonClinical, skills);
            case 8:
            case 9:
                return new SetReady(agentId);
            case 10:
                return s.C % 4 == 0 ? new LogOut(agentId) : new SetNotReady(agentId, s.C % 7 == 0 ? string.Empty : "break");
            case 11:
            case 12:
                return new AcceptOffer(agentId, s.C % 9 == 0 ? callId : agentCall);
            case 13:
                return new DeclineOffer(agentId, agentCall, "busy");
            case 14:
                return new CompleteCall(agentId, agentCall);
            case 15:
                return new EndWrapUp(agentId);
            case 16:
                return new TransferCall(agentId, agentCall, QueueIds[s.C % QueueIds.Length]);
            case 17:
                return new ChangeUrgency(agentId, agentCall, (Urgency)(1 + (s.C % 5)), s.C % 2 == 0 ? "assessed" : string.Empty);
            default:
                time.Advance(TimeSpan.FromSeconds(s.C * (s.B + 1)));
                return AdvanceTime.Instance;
        }
    }
}
