using Routing.LoadTest.Month;

namespace Routing.LoadTest.Tests.Month;

/// <summary>Scenarios the tests use, built from the shipped ones so they stay in step with them.</summary>
internal static class Scenarios
{
    public static readonly DateTimeOffset Monday = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static MonthScenario Standard => ScenarioReader.Load("standard");

    public static MonthScenario Small => ScenarioReader.Load("small");

    /// <summary>One Monday, <paramref name="calls"/> calls: quick enough to replay twice in a test.</summary>
    public static MonthScenario OneDay(int calls) => Small with { Name = "one-day", Days = 1, TotalCalls = calls };

    /// <summary>The scenario with its clinicians cut to <paramref name="scale"/> of the Erlang C roster.</summary>
    public static MonthScenario WithClinicians(MonthScenario scenario, double scale) => scenario with
    {
        Name = scenario.Name + "-understaffed",
        Pools = [.. scenario.Pools.Select(p => p.Clinical
            ? p with { Staffing = new ErlangStaffingSpec(0.995, 0, scale, 0, 120) }
            : p)],
    };

    public static CallPlan Plan(MonthScenario scenario, int seed = 1) =>
        CallGenerator.Generate(new MonthCalendar(scenario, Monday), seed);
}
