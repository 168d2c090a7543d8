using Routing.Core.Triage;
using Routing.LoadTest.Month;
using Routing.V1;
using CoreUrgency = Routing.Core.Urgencies.Urgency;

namespace Routing.LoadTest.Tests.Month;

/// <summary>
/// The scenario's calls land where it means them to under the server's default triage rules, evaluated here with the
/// same rule set the server loads: otherwise a "red-flag" kind could quietly be routine and the month would test less.
/// </summary>
public sealed class TriageLandingTests
{
    private static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();
    private static readonly CallPlan Month = Scenarios.Plan(Scenarios.Standard);

    public static TheoryData<string> Kinds() => [.. Scenarios.Standard.Mix.Select(k => k.Kind)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_generated_call_goes_to_the_queue_the_scenario_expects(string kind)
    {
        foreach (var (i, decision) in Decisions(kind))
        {
            Assert.Equal(Month.ExpectedQueue(i), decision.QueueId);
        }
    }

    [Fact]
    public void Administrative_calls_are_routine_and_seniors_go_to_the_senior_line()
    {
        foreach (var kind in new[] { "scheduling", "refill", "billing" })
        {
            foreach (var (i, decision) in Decisions(kind))
            {
                Assert.Equal(CoreUrgency.Routine, decision.Urgency);
                Assert.Equal(Month.Calls[i].Senior ? "senior-line" : Month.KindOf(i).Queue, decision.QueueId);
            }
        }
    }

    [Fact]
    public void Red_flags_are_emergent_or_emergency_and_symptoms_clinical()
    {
        Assert.All(Decisions("red-flag-emergency"), d => Assert.Equal(CoreUrgency.Emergency, d.Decision.Urgency));
        Assert.All(Decisions("red-flag-emergent"), d => Assert.Equal(
            Month.Calls[d.Index].Senior ? CoreUrgency.Emergency : CoreUrgency.Emergent,
            d.Decision.Urgency));
        Assert.All(Decisions("symptom"), d => Assert.Equal(
            Month.Calls[d.Index].Senior ? CoreUrgency.Urgent : CoreUrgency.SameDay,
            d.Decision.Urgency));
        Assert.All(Decisions("red-flag-emergent"), d => Assert.True(d.Decision.HasRedFlag));
    }

    private static IEnumerable<(int Index, TriageDecision Decision)> Decisions(string kind)
    {
        for (var i = 0; i < 20_000; i++)
        {
            if (Month.KindOf(i).Kind == kind)
            {
                yield return (i, Rules.Evaluate(InputOf(Month.Request(i, "c", "gw"))));
            }
        }
    }

    private static TriageInput InputOf(OfferCallRequest request) => new()
    {
        ReasonCode = request.ReasonCode,
        RedFlags = [.. request.RedFlags],
        CallerWords = request.CallerWords,
        CallerAge = request.HasCallerAge ? request.CallerAge : null,
        SeniorProgram = request.SeniorProgram,
        RepeatCallWithin72Hours = request.RepeatCallWithin72H,
        ScreenCompleted = request.ScreenCompleted,
    };
}
