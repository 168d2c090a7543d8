using Routing.Core.Agents;
using Routing.Core.Statistics;
using Routing.Core.Urgencies;
using static Routing.Core.Tests.Statistics.StatisticsTestOptions;

namespace Routing.Core.Tests.Statistics;

public sealed class ServiceLevelDefinitionTests
{
    private static readonly DateTimeOffset Hour = EventScript.T0 + TimeSpan.FromHours(1);

    /// <summary>
    /// Ten ROUTINE scheduling calls arrive one a second from 09:00:00; one agent answers in order (10 s calls, no wrap-up).
    /// Answered waits 20, 29, 38, 47 (within T = 120 s), 126, 135; abandoned after 4 and 6 s (short) and 94 s;
    /// one call still ringing. So 10 offered, 6 answered of which 4 within T, 3 abandoned of which 2 short.
    /// </summary>
    [Fact]
    public void Every_definition_on_a_hand_computed_interval_driven_through_the_engine()
    {
        var h = new StatsEngineHarness();
        h.LogIn("a1", AgentRole.NonClinical);
        for (var i = 1; i <= 10; i++)
        {
            var reply = h.At(i - 1).Offer($"c{i:00}");
            Assert.Equal(Urgency.Routine, reply.Decision.Urgency);
            Assert.Equal(Scheduling, reply.Decision.QueueId);
        }

        h.At(12).HangUp("c09");   // arrived at 8: 4 s, short
        h.At(15).HangUp("c10");   // arrived at 9: 6 s, short
        h.At(20).Ready("a1");
        AnswerAndComplete(h, "c01", 20, 30);
        AnswerAndComplete(h, "c02", 30, 40);
        AnswerAndComplete(h, "c03", 40, 50);
        AnswerAndComplete(h, "c04", 50, 60);
        h.At(100).HangUp("c07");  // arrived at 6: 94 s, not short
        AnswerAndComplete(h, "c05", 130, 140);
        AnswerAndComplete(h, "c06", 140, 150);
        Assert.Equal("c08", h.Ringing("a1"));

        var point = Assert.Single(h.Statistics.Report(EventScript.T0, Hour));
        Assert.Equal((EventScript.T0, EventScript.T0.AddMinutes(15)), (point.IntervalStart, point.IntervalEnd));
        Assert.Equal((Scheduling, (Urgency?)Urgency.Routine), (point.QueueId, point.Urgency));
        Assert.Equal(10, point.Offered);
        Assert.Equal(6, point.Answered);
        Assert.Equal(4, point.AnsweredWithinThreshold);
        Assert.Equal(3, point.Abandoned);
        Assert.Equal(2, point.ShortAbandons);
        Assert.Equal(1, point.Unresolved);
        Assert.Equal(0, point.Callbacks);

        Assert.Equal(4.0 / 6, point.ServiceLevel(ServiceLevelDefinitions.AnsweredOnly)!.Value);
        Assert.Equal(4.0 / 10, point.ServiceLevel(ServiceLevelDefinitions.Strict)!.Value);
        Assert.Equal(4.0 / 8, point.ServiceLevel(ServiceLevelDefinitions.ShortAbandonsExcluded)!.Value);
        Assert.Equal(ServiceLevelDefinitions.All, point.ServiceLevels.Select(v => v.DefinitionName));
        Assert.All(point.ServiceLevels, v => Assert.Equal(TimeSpan.FromSeconds(120), v.Threshold));
        Assert.All(point.ServiceLevels, v => Assert.Equal(0.95, v.Target));

        Assert.Equal(0.3, point.AbandonmentRate);
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.FromSeconds(20 + 29 + 38 + 47 + 126 + 135).Ticks / 6), point.Asa);
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.FromSeconds(20 + 29 + 38 + 47 + 126 + 135 + 4 + 6 + 94).Ticks / 9), point.AsaAllCalls);
        Assert.Equal(9, point.Wait.Count);
        Assert.Equal(TimeSpan.FromSeconds(135), point.Wait.Max);
        Assert.Equal(6, point.TalkLegs);
        Assert.Equal(TimeSpan.FromSeconds(10), point.AverageTalkTime);
        Assert.Equal(6, point.HandledLegs);
        Assert.Equal(TimeSpan.FromSeconds(10), point.Aht);
        Assert.Equal(0, point.TimeToClinician.Count);
    }

    [Fact]
    public void Without_traffic_every_definition_is_undefined_rather_than_zero()
    {
        var statistics = new ServiceLevelStatistics(StatsOptions());
        var point = statistics.Aggregate(EventScript.T0, Hour, Scheduling);
        Assert.Equal(0, point.Offered);
        Assert.All(point.ServiceLevels, v => Assert.Null(v.Value));
        Assert.All(point.ServiceLevels, v => Assert.Equal(TimeSpan.FromSeconds(120), v.Threshold));
        Assert.Null(point.Asa);
        Assert.Null(point.AbandonmentRate);
        Assert.Empty(statistics.Report(EventScript.T0, Hour));
    }

    /// <summary>
    /// The same four outcomes in a ROUTINE queue and an URGENT (clinical) one: one answered within T, one late,
    /// two short abandons. Only the routine class may leave its short abandons out.
    /// </summary>
    [Fact]
    public void Clinical_classes_never_exclude_short_abandons()
    {
        var script = new EventScript();
        foreach (var (queue, urgency, prefix) in new[] { (Scheduling, Urgency.Routine, "r"), (Clinical, Urgency.Urgent, "u") })
        {
            var safetyNet = urgency.RequiresSafetyNet();
            script.Arrive(prefix + "1", 0, queue, urgency);
            script.Arrive(prefix + "2", 0, queue, urgency);
            script.Arrive(prefix + "3", 0, queue, urgency);
            script.Arrive(prefix + "4", 0, queue, urgency);
            script.Answer(prefix + "1", 30, clinician: urgency.IsClinical());
            script.Abandon(prefix + "2", 3, queue, safetyNet);
            script.Abandon(prefix + "3", 9.9, queue, safetyNet);
            script.Answer(prefix + "4", 300, clinician: urgency.IsClinical());
        }

        var statistics = script.Feed();
        var routine = statistics.Aggregate(EventScript.T0, Hour, Scheduling, Urgency.Routine);
        var urgent = statistics.Aggregate(EventScript.T0, Hour, Clinical, Urgency.Urgent);

        Assert.Equal((4, 2, 2, 1), (routine.Offered, routine.Abandoned, routine.ShortAbandons, routine.AnsweredWithinThreshold));
        Assert.Equal(0.25, routine.ServiceLevel(ServiceLevelDefinitions.Strict)!.Value);
        Assert.Equal(0.5, routine.ServiceLevel(ServiceLevelDefinitions.ShortAbandonsExcluded)!.Value);

        // Counted as short, never excluded.
        Assert.Equal((4, 2, 2, 1), (urgent.Offered, urgent.Abandoned, urgent.ShortAbandons, urgent.AnsweredWithinThreshold));
        Assert.Equal(0.25, urgent.ServiceLevel(ServiceLevelDefinitions.Strict)!.Value);
        Assert.Equal(0.25, urgent.ServiceLevel(ServiceLevelDefinitions.ShortAbandonsExcluded)!.Value);
        Assert.Equal(0.5, urgent.ServiceLevel(ServiceLevelDefinitions.AnsweredOnly)!.Value);

        // Merged over both classes only the routine short abandons leave the denominator: 2 / (8 - 2).
        var all = statistics.Aggregate(EventScript.T0, Hour);
        Assert.Equal((8, 4), (all.Offered, all.ShortAbandons));
        Assert.Equal(2.0 / 6, all.ServiceLevel(ServiceLevelDefinitions.ShortAbandonsExcluded)!.Value);
        Assert.Equal(2.0 / 8, all.ServiceLevel(ServiceLevelDefinitions.Strict)!.Value);
    }

    [Fact]
    public void Short_abandon_time_is_configurable_and_the_threshold_is_inclusive()
    {
        var script = new EventScript();
        script.Arrive("a", 0);
        script.Arrive("b", 0);
        script.Arrive("c", 0);
        script.Arrive("d", 0);
        script.Abandon("a", 4.999);
        script.Abandon("b", 5);
        script.Answer("c", 120);     // exactly T: within
        script.Answer("d", 120.001); // just over

        var options = StatsOptions() with { ShortAbandonThreshold = TimeSpan.FromSeconds(5) };
        var point = script.Feed(new ServiceLevelStatistics(options)).Aggregate(EventScript.T0, Hour);
        Assert.Equal(1, point.ShortAbandons);
        Assert.Equal(1, point.AnsweredWithinThreshold);
    }

    [Fact]
    public void A_callback_is_offered_but_neither_answered_nor_abandoned_even_when_called_back()
    {
        var script = new EventScript();
        script.Arrive("cb", 0);
        script.Add(new Events.CallbackRequested(EventScript.At(40), "cb"));
        script.Answer("cb", 900);

        var point = script.Feed().Aggregate(EventScript.T0, Hour);
        Assert.Equal((1, 0, 0, 1, 0), (point.Offered, point.Answered, point.Abandoned, point.Callbacks, point.Unresolved));
        Assert.Equal(0.0, point.ServiceLevel(ServiceLevelDefinitions.Strict)!.Value);
        Assert.Null(point.ServiceLevel(ServiceLevelDefinitions.AnsweredOnly)!.Value);
        Assert.Equal(TimeSpan.FromSeconds(40), point.AsaAllCalls);
    }

    private static void AnswerAndComplete(StatsEngineHarness h, string callId, double answerAt, double completeAt)
    {
        Assert.Equal(callId, h.Ringing("a1"));
        h.At(answerAt).Accept("a1", callId);
        h.At(completeAt).Complete("a1", callId);
    }
}
