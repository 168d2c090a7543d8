using System.Globalization;
using Routing.V1;

namespace Routing.LoadTest.Stress;

/// <summary>
/// The calls a stress run offers. <c>standard</c>: 1.5% EMERGENCY red flags, 6% EMERGENT red flags, the rest ROUTINE
/// administrative calls (SCHEDULING 55%, REFILL 25%, BILLING 12.5% of all calls), in a seeded random order.
/// <c>routine</c>: only the routine kinds, for a run with no clinical backlog. Every request is synthetic; the
/// caller words are fixed administrative sentences that fire no triage rule.
/// </summary>
internal sealed class CallMix
{
    public const string Standard = "standard";
    public const string Routine = "routine";

    private static readonly string[] EmergencyFlags = ["CARDIAC_CHEST", "STROKE", "DYSPNEA", "ANAPHYLAXIS"];
    private static readonly string[] EmergentFlags = ["HEADACHE_SEVERE", "SEIZURE", "SEPSIS", "GI_BLEED_HEAVY", "SUICIDAL_IDEATION", "INFANT_FEVER"];

    private readonly Random _random;
    private readonly IReadOnlyList<(double Share, CallKind Kind)> _kinds;
    private readonly string _callIdPrefix;
    private readonly IReadOnlyList<string> _gatewayIds;

    public CallMix(string mix, int seed, string runId, IReadOnlyList<string> gatewayIds)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(gatewayIds);
        ArgumentOutOfRangeException.ThrowIfZero(gatewayIds.Count);
        _kinds = Kinds(mix);
        _random = new Random(seed);
        _callIdPrefix = "stress-" + runId + "-";
        _gatewayIds = gatewayIds;
    }

    /// <summary>The kinds of a mix with their shares (summing to 1).</summary>
    public static IReadOnlyList<(double Share, CallKind Kind)> Kinds(string mix) => mix switch
    {
        Standard =>
        [
            (0.015, CallKind.Emergency),
            (0.06, CallKind.Emergent),
            (0.55, CallKind.Scheduling),
            (0.25, CallKind.Refill),
            (0.125, CallKind.Billing),
        ],
        Routine =>
        [
            (0.6, CallKind.Scheduling),
            (0.27, CallKind.Refill),
            (0.13, CallKind.Billing),
        ],
        _ => throw new ArgumentException($"Unknown mix '{mix}'.", nameof(mix)),
    };

    /// <summary>
    /// The request for call number <paramref name="sequence"/>: a call id unique to this run, the gateway that
    /// offers it (round robin) and content drawn from the mix. Not thread-safe: called by the dispatcher thread only.
    /// </summary>
    public OfferCallRequest Next(long sequence)
    {
        var draw = _random.NextDouble();
        var kind = _kinds[^1].Kind;
        foreach (var (share, candidate) in _kinds)
        {
            if (draw < share)
            {
                kind = candidate;
                break;
            }

            draw -= share;
        }

        var request = Build(kind, _random.Next());
        request.CallId = _callIdPrefix + sequence.ToString("D9", CultureInfo.InvariantCulture);
        request.GatewayId = _gatewayIds[(int)(sequence % _gatewayIds.Count)];
        return request;
    }

    /// <summary>The content of one call of <paramref name="kind"/>; <paramref name="variant"/> picks among red flags.</summary>
    public static OfferCallRequest Build(CallKind kind, int variant) => kind switch
    {
        CallKind.Emergency => Symptom(EmergencyFlags[Math.Abs(variant % EmergencyFlags.Length)]),
        CallKind.Emergent => Symptom(EmergentFlags[Math.Abs(variant % EmergentFlags.Length)]),
        CallKind.Scheduling => Administrative("SCHEDULING", "I need to move my appointment to next week please"),
        CallKind.Refill => Administrative("REFILL", "I would like to renew my usual prescription"),
        CallKind.Billing => Administrative("BILLING", "I have a question about the invoice I received"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static OfferCallRequest Symptom(string redFlag) => new()
    {
        ReasonCode = "SYMPTOM",
        ScreenCompleted = true,
        RedFlags = { redFlag },
    };

    private static OfferCallRequest Administrative(string reason, string words) => new()
    {
        ReasonCode = reason,
        CallerWords = words,
    };
}
