using Routing.Core.Agents;
using Routing.Core.Events;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Storage.Tests;

/// <summary>Every event type survives the journal's JSON (which is also the audit record) unchanged.</summary>
public sealed class EventJsonTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 30, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    public static TheoryData<RoutingEvent> Samples()
    {
        var data = new TheoryData<RoutingEvent>();
        foreach (var e in All())
        {
            data.Add(e);
        }

        return data;
    }

    /// <summary>One of each event type, every property set to a non-default value, with sequences.</summary>
    private static RoutingEvent[] All()
    {
        var input = new TriageInput
        {
            ReasonCode = "SYMPTOM",
            RedFlags = ["CARDIAC_CHEST", "DYSPNEA"],
            CallerWords = "my chest \"hurts\" — ünïcode",
            CallerAge = 71,
            SeniorProgram = true,
            RepeatCallWithin72Hours = true,
            ScreenCompleted = true,
        };
        var decision = new TriageDecision(Urgency.Emergency, "clinical-triage", ["RF-CARDIAC", "MOD-SENIOR"], "2026.11-default.1", HasRedFlag: true);
        RoutingEvent[] events =
        [
            new CallArrived(At, "c1", input, decision, 3, "gw-1"),
            new CallQueued(At, "c1", "clinical-triage", QueueEntryReason.UrgencyChange),
            new CallOverflowed(At, "c1", "senior-line", 2),
            new CallRetriaged(At, "c1", input, decision, Urgency.Urgent, Urgency.Emergency),
            new CallUrgencyChanged(At, "c1", Urgency.Emergent, Urgency.SameDay, "nurse-1", "assessed: stable"),
            new CallOffered(At, "c1", "nurse-1", "clinical-triage", TimeSpan.FromSeconds(20)),
            new OfferDeclined(At, "c1", "nurse-1", "on a break", At.AddSeconds(10)),
            new OfferTimedOut(At, "c1", "nurse-1", 2, null),
            new OfferCancelled(At, "c1", "nurse-1", OfferCancelReason.AgentLoggedOut),
            new CallAccepted(At, "c1", "nurse-1", ClinicianContact: true),
            new CallTransferred(At, "c1", "agent-1", "scheduling", "clinical-triage", TimeSpan.FromSeconds(45), TransferredBy.SafetyNet),
            new CallCompleted(At, "c1", "nurse-1", CompletedBy.Gateway, TimeSpan.FromSeconds(30)),
            new CallAbandoned(At, "c1", "clinical-triage", BecomesSafetyNetCallback: true),
            new CallbackRequested(At, "c1"),
            new CallMaxWaitReached(At, "c1", "billing"),
            new SafetyNetCallbackCreated(At, "c1", At.AddMinutes(5)),
            new SafetyNetCallbackOverdue(At, "c1", At.AddMinutes(5)),
            new EscalationWarning(At, "c1", Urgency.Emergent, At.AddMinutes(2)),
            new EscalationBreached(At, "c1", Urgency.Urgent, At.AddMinutes(30)),
            new PageIssued(At, "c1", PageTarget.Supervisor, "deadline to clinician breached"),
            new EmergencyAdviceInstructed(At, "c1"),
            new AgentLoggedIn(At, "nurse-1", AgentRole.Clinician, [new AgentSkill("spanish", 4), new AgentSkill("pediatrics", 2)]),
            new AgentLoggedOut(At, "nurse-1"),
            new AgentBecameAvailable(At, "nurse-1", AvailabilityCause.PauseEnded),
            new AgentNotReady(At, "nurse-1", "missed-offers", At.AddSeconds(10)),
        ];
        var sequence = 41L;
        return events.Select(e => e with { Sequence = ++sequence }).ToArray();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_event_type_round_trips_to_an_equal_event(RoutingEvent original)
    {
        var json = EventJson.Serialize(original);

        var back = EventJson.Deserialize(json);

        Assert.IsType(original.GetType(), back);
        Assert.Equal(original.Sequence, back.Sequence);
        Assert.Equal(original.At, back.At);
        Assert.Equal(json, EventJson.Serialize(back));
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(EventJson.SerializeToUtf8Bytes(EventJson.Deserialize(EventJson.SerializeToUtf8Bytes(original)))));
        Assert.Contains($"\"$type\":\"{original.GetType().Name}\"", json, StringComparison.Ordinal);
        Assert.Equal(original.GetType().Name, EventJson.TypeName(back));
        if (original is not (CallArrived or CallRetriaged or AgentLoggedIn))
        {
            // Records without lists compare by value: the strongest check where it applies.
            Assert.Equal(original, back);
        }
    }

    [Fact]
    public void The_samples_cover_every_event_type_in_the_domain()
    {
        var sampled = All().Select(e => e.GetType()).ToHashSet();
        var all = typeof(RoutingEvent).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(RoutingEvent).IsAssignableFrom(t)).ToHashSet();

        Assert.Empty(all.Except(sampled).Select(t => t.Name));
    }

    [Fact]
    public void Enums_are_written_by_name_and_properties_in_camel_case()
    {
        var json = EventJson.Serialize(new CallUrgencyChanged(At, "c1", Urgency.Emergent, Urgency.SameDay, "nurse-1", "assessed") { Sequence = 7 });

        Assert.Contains("\"from\":\"Emergent\"", json, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"SameDay\"", json, StringComparison.Ordinal);
        Assert.Contains("\"callId\":\"c1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"sequence\":7", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transfer_journaled_before_its_cause_was_recorded_reads_as_the_agents()
    {
        const string Older = """{"$type":"CallTransferred","agentId":"agent-1","fromQueueId":"scheduling","toQueueId":"clinical-triage","wrapUp":"00:00:45","callId":"c1","at":"2026-11-30T08:00:00+00:00","sequence":9}""";

        var transfer = Assert.IsType<CallTransferred>(EventJson.Deserialize(Older));

        Assert.Equal((TransferredBy.Agent, "agent-1", 9L), (transfer.By, transfer.AgentId, transfer.Sequence));
    }

    [Fact]
    public void An_unknown_type_is_refused_rather_than_guessed()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EventJson.Deserialize("""{"$type":"CallTeleported","at":"2026-11-30T08:00:00Z","callId":"c1"}"""));
    }
}
