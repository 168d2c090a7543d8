using Google.Protobuf;
using Routing.Server.Tests.Infrastructure;
using Routing.V1;
using Instruction = Routing.V1.GatewaySessionResponse.InstructionOneofCase;

namespace Routing.Server.Tests;

public sealed class CallEventTests
{
    /// <summary>What the callers said and the IVR captured: patient data that must never reach a dashboard.</summary>
    private static readonly string[] PatientData = ["chest", "tight", "dizzy", "diabetes", "Dr Okafor", "CARDIAC_CHEST", "appointment"];

    [Fact]
    public async Task The_call_event_stream_carries_no_patient_data_and_resumes_from_a_sequence_without_gaps()
    {
        await using var host = await RoutingTestHost.StartAsync();
        await using var gateway = await GatewayLink.ConnectAsync(host, "gw-1");
        await using var scheduler = await AgentDesk.ReadyAsync(host, "sched-01", AgentRole.NonClinical);
        await using var nurse = await AgentDesk.ReadyAsync(host, "nurse-01", AgentRole.Clinician);

        await host.Calls.OfferCallAsync(new OfferCallRequest
        {
            CallId = "call-100",
            GatewayId = "gw-1",
            ReasonCode = "SCHEDULING",
            CallerWords = "I need to move my diabetes appointment with Dr Okafor",
            ScreenCompleted = true,
        });
        await scheduler.HandleNextCallAsync();
        await host.Calls.OfferCallAsync(new OfferCallRequest
        {
            CallId = "call-200",
            GatewayId = "gw-1",
            ReasonCode = "SYMPTOM",
            CallerWords = "my chest feels tight and I am dizzy",
            RedFlags = { "CARDIAC_CHEST" },
            CallerAge = 71,
        });
        await nurse.HandleNextCallAsync();
        await gateway.NextAsync("call-200", Instruction.ConnectToAgent);

        using var watch = host.Stats.WatchCallEvents(new WatchCallEventsRequest { FromSequence = 0 });
        var events = new MessagePump<WatchCallEventsResponse>(watch.ResponseStream, "call events");
        await events.NextAsync(e => e.CallId == "call-200" && e.Type == CallEventType.Completed, "call-200 completed");
        var history = events.All;

        Assert.Equal(history.Select(e => e.Sequence).Order(), history.Select(e => e.Sequence));
        Assert.Equal(history.Count, history.Select(e => e.Sequence).Distinct().Count());
        foreach (var callId in new[] { "call-100", "call-200" })
        {
            var types = history.Where(e => e.CallId == callId).Select(e => e.Type).ToList();
            Assert.Equal(CallEventType.Arrived, types[0]);
            Assert.Contains(CallEventType.Queued, types);
            Assert.Contains(CallEventType.Offered, types);
            Assert.Contains(CallEventType.Accepted, types);
            Assert.Equal(CallEventType.Completed, types[^1]);
        }

        var chestArrived = history.First(e => e.CallId == "call-200" && e.Type == CallEventType.Arrived);
        Assert.Equal(Urgency.Emergency, chestArrived.Urgency);
        Assert.Equal("clinical-triage", chestArrived.QueueId);
        Assert.Contains(history, e => e.CallId == "call-200" && e.Type == CallEventType.Accepted && e.AgentId == "nurse-01");
        foreach (var e in history)
        {
            var text = JsonFormatter.Default.Format(e);
            Assert.All(PatientData, word => Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"\"{word}\" in {text}"));
        }

        // Resume from the middle: exactly the same events from that sequence on, then live ones.
        var from = history[history.Count / 2].Sequence;
        using var resumed = host.Stats.WatchCallEvents(new WatchCallEventsRequest { FromSequence = from });
        var tail = new MessagePump<WatchCallEventsResponse>(resumed.ResponseStream, "resumed call events");
        var last = history[^1].Sequence;
        await tail.NextAsync(e => e.Sequence == last, $"event {last}");
        Assert.Equal(history.Where(e => e.Sequence >= from), tail.All);

        await host.Calls.OfferCallAsync(Offers.Scheduling("call-300"));
        var live = await tail.NextAsync(e => e.CallId == "call-300", "the live arrival of call-300");
        Assert.Equal(CallEventType.Arrived, live.Type);
        Assert.True(live.Sequence > last);
        Assert.Equal([.. history.Where(e => e.Sequence >= from), live], tail.All.TakeWhile(e => e.Sequence <= live.Sequence));
    }
}
