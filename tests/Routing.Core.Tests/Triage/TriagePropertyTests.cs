using CsCheck;
using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Triage;

/// <summary>
/// Properties of the default rule set over generated calls: signals only ever raise urgency, the same input
/// always gets the same decision, and the queue always agrees with the class.
/// </summary>
public sealed class TriagePropertyTests
{
    private static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();

    private static readonly string[] Codes =
    [
        "CARDIAC_CHEST", "STROKE", "DYSPNEA", "ANAPHYLAXIS", "GI_BLEED", "GI_BLEED_HEAVY", "HEADACHE_SUDDEN",
        "HEADACHE_SEVERE", "SUICIDAL_IMMINENT", "SUICIDAL_IDEATION", "SEPSIS", "LEG_CLOT", "STING_BITE", "NOT_A_KNOWN_CODE",
    ];

    // Fragments of rule phrases, modifier words and harmless filler, so generated words hit rules often.
    private static readonly string[] Words =
    [
        "chest", "pain", "tight", "feels", "my", "arm", "harm", "blood", "in", "stool", "dizzy", "black", "worst", "headache",
        "sudden", "worse", "severe", "seizure", "5 minutes", "baby", "fever", "pregnant", "warfarin", "bill", "refill",
        "appointment", "can't breathe", "rib pain", "blood pressure", "spiked", "stung by", "hit my head", "passed out",
        "kill myself", "wish i was dead", "very unwell", "!!", "...", "I", "the", "a",
    ];

    private static readonly Gen<string> GenWords =
        Gen.OneOf(Words).Array[0, 8].Select(parts => string.Join(' ', parts));

    private static readonly Gen<TriageInput> GenInput =
        Gen.Select(
            Gen.OneOf("SCHEDULING", "REFILL", "BILLING", "SYMPTOM", "OTHER", string.Empty),
            Gen.OneOf(Codes).Array[0, 3],
            GenWords,
            Gen.Int[0, 100].Nullable(),
            Gen.Bool,
            Gen.Bool,
            Gen.Bool,
            (reason, flags, words, age, senior, repeat, screened) => new TriageInput
            {
                ReasonCode = reason,
                RedFlags = flags,
                CallerWords = words,
                CallerAge = age,
                SeniorProgram = senior,
                RepeatCallWithin72Hours = repeat,
                ScreenCompleted = screened,
            });

    // An update that only adds signals: more red flags, more words, age learned or grown, program, repeat.
    // (A completed screen is not a signal: it is what lets a SYMPTOM call drop from URGENT to SAME_DAY.)
    private static readonly Gen<(int AgeIncrease, TriageInput Update)> GenAddedSignals =
        Gen.Select(
            Gen.OneOf(Codes).Array[0, 2],
            GenWords,
            Gen.Int[0, 40],
            Gen.Bool,
            Gen.Bool,
            (flags, words, ageIncrease, senior, repeat) => (ageIncrease, new TriageInput
            {
                RedFlags = flags,
                CallerWords = words,
                SeniorProgram = senior,
                RepeatCallWithin72Hours = repeat,
            }));

    [Fact]
    public void Adding_any_signal_never_lowers_the_urgency()
    {
        Gen.Select(GenInput, GenAddedSignals).Sample(
            (input, added) =>
            {
                var update = added.Update with { CallerAge = (input.CallerAge ?? 0) + added.AgeIncrease };
                var before = Rules.Evaluate(input);
                var after = Rules.Evaluate(input.Merge(update));
                return after.Urgency >= before.Urgency && (!before.HasRedFlag || after.HasRedFlag);
            },
            iter: 2000);
    }

    [Fact]
    public void Evaluate_is_deterministic()
    {
        GenInput.Sample(
            input =>
            {
                var first = Rules.Evaluate(input);
                var again = Rules.Evaluate(input with { RedFlags = [.. input.RedFlags] });
                var freshSet = TriageRuleSetLoader.LoadDefault().Evaluate(input);
                return Same(first, again) && Same(first, freshSet);
            },
            iter: 500);
    }

    [Fact]
    public void The_queue_agrees_with_the_class_and_the_class_is_never_unspecified()
    {
        GenInput.Sample(
            input =>
            {
                var decision = Rules.Evaluate(input);
                return decision.Urgency >= Urgency.Routine
                    && decision.Urgency.IsClinical() == (decision.QueueId == Rules.ClinicalQueueId)
                    && decision.RuleSetVersion == Rules.Version
                    && decision.FiredRuleIds.All(id => Rules.RuleIds.Contains(id));
            },
            iter: 2000);
    }

    [Fact]
    public void Modifiers_alone_never_make_a_call_clinical()
    {
        GenInput.Sample(
            input =>
            {
                var plain = input with { RedFlags = [], CallerWords = string.Empty, ReasonCode = "BILLING" };
                var decision = Rules.Evaluate(plain with { CallerWords = "it's worse and I'm pregnant, on warfarin" });
                return decision.Urgency == Urgency.Routine;
            },
            iter: 500);
    }

    private static bool Same(TriageDecision a, TriageDecision b) =>
        a.Urgency == b.Urgency
        && a.QueueId == b.QueueId
        && a.HasRedFlag == b.HasRedFlag
        && a.RuleSetVersion == b.RuleSetVersion
        && a.FiredRuleIds.SequenceEqual(b.FiredRuleIds);
}
