using Routing.Core.Triage;
using Routing.Core.Urgencies;
using Routing.LoadTest.Stress;

namespace Routing.LoadTest.Tests.Stress;

public sealed class CallMixTests
{
    private static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();

    [Theory]
    [InlineData(nameof(CallKind.Emergency), Urgency.Emergency)]
    [InlineData(nameof(CallKind.Emergent), Urgency.Emergent)]
    [InlineData(nameof(CallKind.Scheduling), Urgency.Routine)]
    [InlineData(nameof(CallKind.Refill), Urgency.Routine)]
    [InlineData(nameof(CallKind.Billing), Urgency.Routine)]
    public void Every_variant_of_a_kind_triages_as_intended_under_the_default_rules(string kind, Urgency expected)
    {
        for (var variant = 0; variant < 12; variant++)
        {
            var request = CallMix.Build(Enum.Parse<CallKind>(kind), variant);
            var decision = Rules.Evaluate(new TriageInput
            {
                ReasonCode = request.ReasonCode,
                RedFlags = [.. request.RedFlags],
                CallerWords = request.CallerWords,
                ScreenCompleted = request.ScreenCompleted,
            });

            Assert.Equal(expected, decision.Urgency);
        }
    }

    [Fact]
    public void The_standard_mix_has_its_shares()
    {
        var mix = new CallMix(CallMix.Standard, seed: 1, runId: "r", gatewayIds: ["gw-1"]);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        const int calls = 200_000;
        for (var i = 0; i < calls; i++)
        {
            var request = mix.Next(i);
            var key = request.RedFlags.Count > 0 ? Kind(request.RedFlags[0]) : request.ReasonCode;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        Assert.InRange(counts["EMERGENCY"] / (double)calls, 0.013, 0.017);
        Assert.InRange(counts["EMERGENT"] / (double)calls, 0.056, 0.064);
        Assert.InRange(counts["SCHEDULING"] / (double)calls, 0.545, 0.555);
        Assert.InRange(counts["REFILL"] / (double)calls, 0.245, 0.255);
        Assert.InRange(counts["BILLING"] / (double)calls, 0.12, 0.13);
    }

    [Fact]
    public void The_routine_mix_has_no_clinical_calls()
    {
        var mix = new CallMix(CallMix.Routine, seed: 1, runId: "r", gatewayIds: ["gw-1"]);

        Assert.All(Enumerable.Range(0, 10_000).Select(i => mix.Next(i)), r => Assert.Empty(r.RedFlags));
    }

    [Fact]
    public void Call_ids_carry_the_run_id_and_gateways_take_turns()
    {
        var mix = new CallMix(CallMix.Standard, seed: 1, runId: "20261127-ab12", gatewayIds: ["gw-1", "gw-2"]);

        var requests = Enumerable.Range(0, 4).Select(i => mix.Next(i)).ToList();

        Assert.Equal(["stress-20261127-ab12-000000000", "stress-20261127-ab12-000000001", "stress-20261127-ab12-000000002", "stress-20261127-ab12-000000003"], requests.Select(r => r.CallId));
        Assert.Equal(["gw-1", "gw-2", "gw-1", "gw-2"], requests.Select(r => r.GatewayId));
    }

    [Fact]
    public void The_same_seed_gives_the_same_calls()
    {
        var a = new CallMix(CallMix.Standard, 5, "r", ["gw"]);
        var b = new CallMix(CallMix.Standard, 5, "r", ["gw"]);

        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal(a.Next(i), b.Next(i)));
    }

    private static string Kind(string redFlag) =>
        redFlag is "CARDIAC_CHEST" or "STROKE" or "DYSPNEA" or "ANAPHYLAXIS" ? "EMERGENCY" : "EMERGENT";
}
