using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Triage;

/// <summary>The evaluation semantics, on small rule files so each rule's effect is visible.</summary>
public sealed class TriageEvaluationTests
{
    private static readonly TriageRuleSet Rules = TestRuleFiles.Load(
        """{ "id": "ARM", "when": { "phrases": ["arm"] }, "urgency": "URGENT" }""",
        """{ "id": "CHEST", "when": { "redFlags": ["CARDIAC_CHEST"] }, "urgency": "EMERGENCY" }""",
        """{ "id": "GI", "when": { "redFlags": ["GI_BLEED"] }, "urgency": "URGENT" }""",
        """{ "id": "SYM", "when": { "reasonCodes": ["SYMPTOM"] }, "urgency": "SAME_DAY" }""",
        """{ "id": "AGE", "when": { "minAge": 65 }, "raiseBy": 1 }""",
        """{ "id": "REPEAT", "when": { "repeatCallWithin72Hours": true }, "raiseBy": 2 }""");

    [Fact]
    public void No_rule_firing_is_routine_in_the_reason_codes_queue()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "BILLING", CallerWords = "question about my bill" });

        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal("billing", decision.QueueId);
        Assert.Empty(decision.FiredRuleIds);
        Assert.False(decision.HasRedFlag);
        Assert.Equal("test.1", decision.RuleSetVersion);
    }

    [Fact]
    public void Unmapped_reason_code_goes_to_the_default_queue() =>
        Assert.Equal("front-desk", Rules.Evaluate(new TriageInput { ReasonCode = "OTHER" }).QueueId);

    [Fact]
    public void Phrases_match_whole_words_only()
    {
        Assert.Equal(Urgency.Routine, Rules.Evaluate(new TriageInput { CallerWords = "I would never harm anyone" }).Urgency);
        Assert.Equal(Urgency.Routine, Rules.Evaluate(new TriageInput { CallerWords = "sitting in my armchair" }).Urgency);
        Assert.Equal(Urgency.Urgent, Rules.Evaluate(new TriageInput { CallerWords = "my ARM!" }).Urgency);
    }

    [Fact]
    public void The_highest_signal_wins_and_every_fired_rule_is_listed_in_file_order()
    {
        var decision = Rules.Evaluate(new TriageInput
        {
            ReasonCode = "SYMPTOM",
            RedFlags = ["GI_BLEED", "CARDIAC_CHEST"],
            CallerWords = "my arm hurts",
        });

        Assert.Equal(Urgency.Emergency, decision.Urgency);
        Assert.Equal("clinical", decision.QueueId);
        Assert.Equal(["ARM", "CHEST", "GI", "SYM"], decision.FiredRuleIds);
        Assert.True(decision.HasRedFlag);
    }

    [Fact]
    public void Codes_match_regardless_of_case() =>
        Assert.Equal(Urgency.Emergency, Rules.Evaluate(new TriageInput { RedFlags = ["cardiac_chest"] }).Urgency);

    [Fact]
    public void Modifiers_raise_a_clinical_class()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", CallerAge = 70 });

        Assert.Equal(Urgency.Urgent, decision.Urgency);
        Assert.Equal(["SYM", "AGE"], decision.FiredRuleIds);
        Assert.False(decision.HasRedFlag);
    }

    [Fact]
    public void Modifiers_never_make_an_administrative_call_clinical()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "BILLING", CallerAge = 80, RepeatCallWithin72Hours = true });

        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal("senior-line", decision.QueueId);
        Assert.Equal(["AGE", "REPEAT"], decision.FiredRuleIds);
    }

    [Fact]
    public void Distinct_modifiers_add_up_to_the_cap_at_emergency()
    {
        var input = new TriageInput { ReasonCode = "SYMPTOM", CallerAge = 70, RepeatCallWithin72Hours = true };

        // No cap in the file: SAME_DAY + 1 + 2 = EMERGENCY (the class ceiling).
        Assert.Equal(Urgency.Emergency, Rules.Evaluate(input).Urgency);

        var capped = TriageRuleSetLoader.Parse(
            TestRuleFiles.WithHeader(
                "\"version\": \"capped\", \"maxModifierRaise\": 1,",
                """{ "id": "SYM", "when": { "reasonCodes": ["SYMPTOM"] }, "urgency": "SAME_DAY" }""",
                """{ "id": "AGE", "when": { "minAge": 65 }, "raiseBy": 1 }""",
                """{ "id": "REPEAT", "when": { "repeatCallWithin72Hours": true }, "raiseBy": 2 }"""),
            TestRuleFiles.SourceName);
        Assert.Equal(Urgency.Urgent, capped.Evaluate(input).Urgency);
    }

    [Fact]
    public void Senior_condition_uses_the_routing_senior_age_or_the_program()
    {
        var rules = TestRuleFiles.Load(
            """{ "id": "SYM", "when": { "reasonCodes": ["SYMPTOM"] }, "urgency": "SAME_DAY" }""",
            """{ "id": "SENIOR", "when": { "senior": true }, "raiseBy": 1 }""");

        Assert.Equal(Urgency.SameDay, rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", CallerAge = 64 }).Urgency);
        Assert.Equal(Urgency.Urgent, rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", CallerAge = 65 }).Urgency);
        Assert.Equal(Urgency.Urgent, rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", SeniorProgram = true }).Urgency);
        Assert.Equal("senior-line", rules.Evaluate(new TriageInput { ReasonCode = "BILLING", SeniorProgram = true }).QueueId);
    }

    [Fact]
    public void With_phrases_need_both_groups()
    {
        var rules = TestRuleFiles.Load(
            """{ "id": "GI-FAINT", "when": { "phrases": ["blood in stool"], "withPhrases": ["dizzy", "fainted"] }, "urgency": "EMERGENCY" }""");

        Assert.Equal(Urgency.Routine, rules.Evaluate(new TriageInput { CallerWords = "blood in stool" }).Urgency);
        Assert.Equal(Urgency.Routine, rules.Evaluate(new TriageInput { CallerWords = "I feel dizzy" }).Urgency);
        Assert.Equal(Urgency.Emergency, rules.Evaluate(new TriageInput { CallerWords = "Blood in stool, and I'm dizzy." }).Urgency);
    }

    [Fact]
    public void Screen_condition_distinguishes_screened_from_unscreened_calls()
    {
        var rules = TestRuleFiles.Load(
            """{ "id": "UNSCREENED", "when": { "reasonCodes": ["SYMPTOM"], "screenCompleted": false }, "urgency": "URGENT" }""");

        Assert.Equal(Urgency.Urgent, rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM" }).Urgency);
        Assert.Equal(Urgency.Routine, rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", ScreenCompleted = true }).Urgency);
    }

    [Fact]
    public void Red_flag_status_is_inferred_from_signal_rules_and_can_be_set_explicitly()
    {
        var rules = TestRuleFiles.Load(
            """{ "id": "SYM", "when": { "reasonCodes": ["SYMPTOM"] }, "urgency": "URGENT" }""",
            """{ "id": "SYM-FLAGGED", "when": { "reasonCodes": ["SYMPTOM_RED"] }, "urgency": "URGENT", "redFlag": true }""",
            """{ "id": "WORDS-NOT-FLAG", "when": { "phrases": ["rash"] }, "urgency": "SAME_DAY", "redFlag": false }""",
            """{ "id": "OTHER", "when": { "anyOtherRedFlag": true }, "urgency": "URGENT" }""",
            """{ "id": "MOD", "when": { "phrases": ["pregnant"] }, "raiseBy": 1 }""");

        Assert.False(rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", CallerWords = "pregnant" }).HasRedFlag);
        Assert.False(rules.Evaluate(new TriageInput { CallerWords = "a rash" }).HasRedFlag);
        Assert.True(rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM_RED" }).HasRedFlag);
        Assert.True(rules.Evaluate(new TriageInput { RedFlags = ["SOMETHING_NEW"] }).HasRedFlag);
    }

    [Fact]
    public void A_red_flag_code_no_rule_names_fires_the_any_other_rule_and_a_named_one_does_not()
    {
        var rules = TestRuleFiles.Load(
            """{ "id": "CHEST", "when": { "redFlags": ["CARDIAC_CHEST"] }, "urgency": "EMERGENCY" }""",
            """{ "id": "OTHER", "when": { "anyOtherRedFlag": true }, "urgency": "URGENT" }""");

        Assert.Equal(["CHEST"], rules.Evaluate(new TriageInput { RedFlags = ["CARDIAC_CHEST"] }).FiredRuleIds);
        var unknown = rules.Evaluate(new TriageInput { RedFlags = ["CARDIAC_CHST"] });
        Assert.Equal(Urgency.Urgent, unknown.Urgency);
        Assert.Equal(["OTHER"], unknown.FiredRuleIds);
    }

    [Fact]
    public void Exposes_version_clinical_queue_rule_ids_and_every_routed_queue()
    {
        Assert.Equal("test.1", Rules.Version);
        Assert.Equal("clinical", Rules.ClinicalQueueId);
        Assert.Equal(["ARM", "CHEST", "GI", "SYM", "AGE", "REPEAT"], Rules.RuleIds);
        Assert.Equal(
            ["billing", "clinical", "front-desk", "scheduling", "senior-line"],
            Rules.RoutedQueueIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Long_caller_words_are_evaluated_in_full()
    {
        var words = string.Concat(Enumerable.Repeat("blah, blah. ", 500)) + "and my arm";
        Assert.Equal(Urgency.Urgent, Rules.Evaluate(new TriageInput { CallerWords = words }).Urgency);
    }

    [Fact]
    public void Large_rule_sets_record_every_fired_rule()
    {
        var rules = TestRuleFiles.Load(Enumerable.Range(0, 600)
            .Select(i => $$"""{ "id": "R{{i}}", "when": { "phrases": ["{{(i % 2 == 0 ? "even" : "odd")}}"] }, "urgency": "SAME_DAY" }""")
            .ToArray());

        var decision = rules.Evaluate(new TriageInput { CallerWords = "even" });

        Assert.Equal(300, decision.FiredRuleIds.Count);
        Assert.Equal("R0", decision.FiredRuleIds[0]);
        Assert.Equal("R598", decision.FiredRuleIds[^1]);
    }

    [Fact]
    public void Evaluate_refuses_null() =>
        Assert.Throws<ArgumentNullException>(() => Rules.Evaluate(null!));
}
