using Routing.Core.Agents;
using Routing.Core.Events;

namespace Routing.Core.Tests.Statistics;

public sealed class OccupancyTests
{
    private static readonly DateTimeOffset T0 = EventScript.T0;

    /// <summary>
    /// n1: logs in 09:00, ready 09:05, offered 09:10, answers 09:10:10, completes 09:20, ready again 09:21, logs out
    /// 09:30. The clinician c1 is ready from 09:00:30 and still logged in at the last event (09:30).
    /// </summary>
    private static EventScript Day()
    {
        var s = new EventScript();
        s.LogIn("n1", 0, AgentRole.NonClinical);
        s.LogIn("c1", 0, AgentRole.Clinician);
        s.Ready("c1", 30);
        s.Ready("n1", 300);
        s.Arrive("call", 600);
        s.Offer("call", "n1", 600);
        s.Answer("call", 610, "n1");
        s.Add(new CallCompleted(EventScript.At(1200), "call", "n1", CompletedBy.Agent, TimeSpan.FromMinutes(5)));
        s.Add(new AgentBecameAvailable(EventScript.At(1260), "n1", AvailabilityCause.WrapUpEnded));
        s.Add(new AgentLoggedOut(EventScript.At(1800), "n1"));
        return s;
    }

    [Fact]
    public void Occupancy_is_on_call_plus_wrap_up_over_logged_in_time_outside_not_ready()
    {
        var statistics = Day().Feed();
        var report = statistics.OccupancyReport(T0, T0.AddHours(1));

        var first = report.Single(p => p.Role == AgentRole.NonClinical && p.IntervalStart == T0);
        Assert.Equal(TimeSpan.FromSeconds(300), first.NotReady);
        Assert.Equal(TimeSpan.FromSeconds(300), first.Available);
        Assert.Equal(TimeSpan.FromSeconds(10), first.Reserved);
        Assert.Equal(TimeSpan.FromSeconds(290), first.OnCall);
        Assert.Equal(TimeSpan.Zero, first.WrapUp);
        Assert.Equal(290.0 / 600, first.Occupancy);

        var second = report.Single(p => p.Role == AgentRole.NonClinical && p.IntervalStart == T0.AddMinutes(15));
        Assert.Equal((TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(540)), (second.OnCall, second.WrapUp, second.Available));
        Assert.Equal(0.4, second.Occupancy);

        var nonClinical = statistics.AggregateOccupancy(T0, T0.AddHours(1), AgentRole.NonClinical);
        Assert.Equal(TimeSpan.FromMinutes(30), nonClinical.LoggedIn);
        Assert.Equal(650.0 / 1500, nonClinical.Occupancy);

        // The clinician's state still running at the last event (09:30) is counted up to it.
        var clinician = statistics.AggregateOccupancy(T0, T0.AddHours(1), AgentRole.Clinician);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1770)), (clinician.NotReady, clinician.Available));
        Assert.Equal(0.0, clinician.Occupancy);

        var everyone = statistics.AggregateOccupancy(T0, T0.AddHours(1));
        Assert.Equal(650.0 / (1500 + 1770), everyone.Occupancy);
        Assert.Null(statistics.AggregateOccupancy(T0.AddHours(2), T0.AddHours(3)).Occupancy);
    }

    [Fact]
    public void Handle_time_is_talk_plus_the_wrap_up_taken_and_talk_time_alone_is_reported_too()
    {
        var point = Day().Feed().Aggregate(T0, T0.AddHours(1));
        Assert.Equal((1, 1), (point.TalkLegs, point.HandledLegs));
        Assert.Equal(TimeSpan.FromSeconds(590), point.AverageTalkTime);
        Assert.Equal(TimeSpan.FromSeconds(650), point.Aht);
        Assert.Equal(TimeSpan.FromSeconds(10), point.Asa);
    }
}
