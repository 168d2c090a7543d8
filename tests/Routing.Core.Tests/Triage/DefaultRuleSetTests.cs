using Routing.Core.Triage;
using Routing.Core.Urgencies;

namespace Routing.Core.Tests.Triage;

/// <summary>
/// The shipped default rule set against the facts in clinical-triage.md: every red-flag group reaches a
/// clinician at the class the reference gives, by code and by the caller's own words, and administrative
/// calls stay administrative.
/// </summary>
public sealed class DefaultRuleSetTests
{
    private static readonly TriageRuleSet Rules = TriageRuleSetLoader.LoadDefault();

    public static TheoryData<string, Urgency> RedFlagCodes => new()
    {
        // The codes the contract (triage.proto) names as examples.
        { "CARDIAC_CHEST", Urgency.Emergency },
        { "STROKE", Urgency.Emergency },
        { "DYSPNEA", Urgency.Emergency },
        { "ANAPHYLAXIS", Urgency.Emergency },
        { "GI_BLEED", Urgency.Urgent },
        { "HEADACHE_SUDDEN", Urgency.Emergency },
        { "SUICIDAL_IMMINENT", Urgency.Emergency },

        // The rest of the reference's red-flag table.
        { "CHOKING", Urgency.Emergency },
        { "HEADACHE_SEVERE", Urgency.Emergent },
        { "SEIZURE_PROLONGED", Urgency.Emergency },
        { "SEIZURE", Urgency.Emergent },
        { "HARD_TO_WAKE", Urgency.Emergency },
        { "UNRESPONSIVE", Urgency.Emergency },
        { "HEAD_INJURY_LOC", Urgency.Emergency },
        { "GI_BLEED_HEAVY", Urgency.Emergent },
        { "GI_BLEED_SYNCOPE", Urgency.Emergency },
        { "SUICIDE_ATTEMPT", Urgency.Emergency },
        { "OVERDOSE", Urgency.Emergency },
        { "SUICIDAL_IDEATION", Urgency.Emergent },
        { "SEPSIS", Urgency.Emergent },
        { "ACUTE_ABDOMEN", Urgency.Emergent },
        { "INFANT_FEVER", Urgency.Emergent },
        { "FLOPPY_CHILD", Urgency.Emergent },
        { "NON_BLANCHING_RASH", Urgency.Emergent },
        { "LEG_CLOT", Urgency.Urgent },
        { "BP_SPIKE", Urgency.Urgent },
        { "STING_BITE", Urgency.Urgent },
        { "RIB_PAIN_SUDDEN", Urgency.Urgent },
    };

    public static TheoryData<string, Urgency, string> CallerPhrases => new()
    {
        // cardiac
        { "My chest hurts, it's like a pressure in my chest", Urgency.Emergency, "PH-CARDIAC" },
        { "squeezing in my chest spreading to my jaw", Urgency.Emergency, "PH-CARDIAC" },

        // stroke (even if passed)
        { "his face was drooping for a few minutes but it's fine now", Urgency.Emergency, "PH-STROKE" },
        { "her speech is slurred", Urgency.Emergency, "PH-STROKE" },
        { "my arm feels weak", Urgency.Emergency, "PH-STROKE" },

        // breathing
        { "I cant breathe", Urgency.Emergency, "PH-BREATHING" },
        { "he can't finish sentences", Urgency.Emergency, "PH-BREATHING" },
        { "her lips are blue", Urgency.Emergency, "PH-BREATHING" },

        // anaphylaxis
        { "my throat feels tight and my lips are swollen", Urgency.Emergency, "PH-ANAPHYLAXIS" },
        { "wheezing after eating shrimp", Urgency.Emergency, "PH-ANAPHYLAXIS-WHEEZE" },

        // neuro
        { "the worst headache of my life", Urgency.Emergency, "PH-HEADACHE-SUDDEN" },
        { "it's the worst ever headache", Urgency.Emergency, "PH-HEADACHE-SUDDEN" },
        { "a sudden headache", Urgency.Emergency, "PH-HEADACHE-SUDDEN" },
        { "I have a severe headache", Urgency.Emergent, "PH-HEADACHE-SEVERE" },
        { "he's been having a seizure for 5 minutes", Urgency.Emergency, "PH-SEIZURE-PROLONGED" },
        { "she had a seizure this morning", Urgency.Emergent, "PH-SEIZURE" },
        { "my dad is hard to wake", Urgency.Emergency, "PH-HARD-TO-WAKE" },
        { "she hit her head and passed out", Urgency.Emergency, "PH-HEAD-INJURY-LOC" },

        // GI bleed
        { "there's blood in my stool", Urgency.Urgent, "PH-GI-BLEED" },
        { "vomiting blood, like coffee grounds, a lot of blood", Urgency.Emergent, "PH-GI-BLEED-HEAVY" },
        { "black stool and I feel dizzy", Urgency.Emergency, "PH-GI-BLEED-FAINTING" },

        // suicide
        { "I took an overdose", Urgency.Emergency, "PH-SUICIDE-IMMINENT" },
        { "I'm going to kill myself tonight", Urgency.Emergency, "PH-SUICIDE-IMMINENT" },
        { "sometimes I wish I was dead", Urgency.Emergent, "PH-SUICIDE-IDEATION" },

        // sepsis / abdomen
        { "she is very unwell and her skin looks mottled", Urgency.Emergent, "PH-SEPSIS" },
        { "my stomach is rigid", Urgency.Emergent, "PH-ABDOMEN" },

        // pediatric
        { "my 6 weeks old baby has a fever of 100.4", Urgency.Emergent, "PH-PEDIATRIC-INFANT-FEVER" },
        { "my son is floppy", Urgency.Emergent, "PH-PEDIATRIC-RASH-FLOPPY" },
        { "a rash that doesn't fade with the glass test", Urgency.Emergent, "PH-PEDIATRIC-RASH-FLOPPY" },

        // others from the incidents
        { "I have a blood clot in my leg", Urgency.Urgent, "PH-LEG-CLOT" },
        { "my leg is swollen and painful", Urgency.Urgent, "PH-LEG-SWELLING-PAIN" },
        { "my blood pressure spiked to 190", Urgency.Urgent, "PH-BP-SPIKE" },
        { "I got stung by a bee", Urgency.Urgent, "PH-STING-BITE" },
        { "an insect bite on my hand", Urgency.Urgent, "PH-STING-BITE" },
        { "I have rib pain", Urgency.Urgent, "PH-RIB-PAIN" },
    };

    [Fact]
    public void Loads_with_its_version_and_clinical_queue()
    {
        Assert.Equal("2026.11-default.1", Rules.Version);
        Assert.Equal("clinical-triage", Rules.ClinicalQueueId);
        Assert.Contains("clinical-triage", Rules.RoutedQueueIds);
    }

    [Fact]
    public void My_chest_feels_tight_is_an_emergency_for_the_clinical_queue()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = "my chest feels tight" });

        Assert.Equal(Urgency.Emergency, decision.Urgency);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.Contains("PH-CARDIAC", decision.FiredRuleIds);
        Assert.Equal("2026.11-default.1", decision.RuleSetVersion);
        Assert.True(decision.HasRedFlag);
    }

    [Fact]
    public void The_worst_headache_of_my_life_reaches_a_clinician_at_once()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = "the worst headache of my life" });

        Assert.True(decision.Urgency >= Urgency.Emergent, decision.Urgency.ToCode());
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.True(decision.HasRedFlag);
    }

    [Theory]
    [InlineData("MY CHEST FEELS TIGHT")]
    [InlineData("My CHEST... feels tight!!")]
    [InlineData("my chest, feels -- tight?")]
    [InlineData("  my   chest feels\ttight ")]
    public void Case_and_punctuation_do_not_matter(string words)
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = words });

        Assert.Equal(Urgency.Emergency, decision.Urgency);
        Assert.Contains("PH-CARDIAC", decision.FiredRuleIds);
    }

    [Theory]
    [MemberData(nameof(RedFlagCodes))]
    public void Every_red_flag_code_reaches_a_clinician_at_its_class_even_on_an_administrative_call(string code, Urgency expected)
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", RedFlags = [code] });

        Assert.True(decision.Urgency.IsClinical());
        Assert.Equal(expected, decision.Urgency);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.True(decision.HasRedFlag);
        Assert.DoesNotContain("RF-OTHER", decision.FiredRuleIds);
    }

    [Theory]
    [MemberData(nameof(CallerPhrases))]
    public void The_callers_own_words_reach_a_clinician_at_their_class(string words, Urgency expected, string ruleId)
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = words });

        Assert.Equal(expected, decision.Urgency);
        Assert.Contains(ruleId, decision.FiredRuleIds);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.True(decision.HasRedFlag);
    }

    [Fact]
    public void Every_red_flag_group_has_a_code_rule_and_a_phrase_rule_and_every_rule_a_description()
    {
        string[] groups = ["CARDIAC", "STROKE", "BREATHING", "ANAPHYLAXIS", "HEADACHE-SUDDEN", "HEADACHE-SEVERE", "SEIZURE", "HARD-TO-WAKE", "HEAD-INJURY-LOC", "GI-BLEED", "SUICIDE-IMMINENT", "SUICIDE-IDEATION"];
        foreach (var group in groups)
        {
            Assert.Contains($"RF-{group}", Rules.RuleIds);
            Assert.Contains($"PH-{group}", Rules.RuleIds);
        }

        using var stream = typeof(TriageRuleSetLoader).Assembly.GetManifestResourceStream(TriageRuleSetLoader.DefaultResourceName)!;
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            var description = rule.TryGetProperty("description", out var d) ? d.GetString() : null;
            Assert.False(string.IsNullOrWhiteSpace(description), rule.GetProperty("id").GetString());
        }
    }

    [Fact]
    public void A_red_flag_code_the_rules_do_not_know_still_reaches_a_clinician()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "BILLING", RedFlags = ["CARDIAC_CHST"] });

        Assert.Equal(Urgency.Urgent, decision.Urgency);
        Assert.Equal(["RF-OTHER"], decision.FiredRuleIds);
        Assert.True(decision.HasRedFlag);
    }

    [Fact]
    public void A_symptom_call_without_a_completed_screen_is_urgent()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", CallerWords = "I have a cough" });

        Assert.Equal(Urgency.Urgent, decision.Urgency);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.Equal(["SYM-UNSCREENED"], decision.FiredRuleIds);
        Assert.False(decision.HasRedFlag);
    }

    [Fact]
    public void A_screened_symptom_call_with_nothing_else_is_same_day()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", ScreenCompleted = true, CallerWords = "I have a cough" });

        Assert.Equal(Urgency.SameDay, decision.Urgency);
        Assert.Equal("clinical-triage", decision.QueueId);
        Assert.Equal(["SYM-SCREENED"], decision.FiredRuleIds);
    }

    [Fact]
    public void Plain_scheduling_is_routine_in_the_scheduling_queue()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = "I'd like to book my annual physical", CallerAge = 40 });

        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal("scheduling", decision.QueueId);
        Assert.Empty(decision.FiredRuleIds);
        Assert.False(decision.HasRedFlag);
    }

    [Theory]
    [InlineData("REFILL", "I need a refill of my seizure medication", "prescriptions")]
    [InlineData("REFILL", "refill for my high blood pressure pills", "prescriptions")]
    [InlineData("BILLING", "the website is not responding", "billing")]
    [InlineData("SCHEDULING", "I can't wake up early, can we move it to the afternoon", "scheduling")]
    [InlineData("BILLING", "I'm getting worse at paying on time, I'm pregnant and on warfarin", "billing")]
    public void Administrative_calls_that_merely_mention_clinical_words_stay_routine(string reason, string words, string queue)
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = reason, CallerWords = words });

        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal(queue, decision.QueueId);
        Assert.False(decision.HasRedFlag);
    }

    [Fact]
    public void A_65_year_olds_billing_call_stays_routine_on_the_senior_line()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "BILLING", CallerAge = 65 });

        Assert.Equal(Urgency.Routine, decision.Urgency);
        Assert.Equal("senior-line", decision.QueueId);
        Assert.False(decision.HasRedFlag);
    }

    [Theory]
    [InlineData(70, false, false, "")]
    [InlineData(null, true, false, "")]
    [InlineData(null, false, true, "")]
    [InlineData(null, false, false, "my cough is getting worse")]
    [InlineData(null, false, false, "I'm 20 weeks pregnant and have a cough")]
    [InlineData(null, false, false, "I take Eliquis and have a cough")]
    public void Each_modifier_raises_a_screened_symptom_call_by_one(int? age, bool seniorProgram, bool repeat, string words)
    {
        var decision = Rules.Evaluate(new TriageInput
        {
            ReasonCode = "SYMPTOM",
            ScreenCompleted = true,
            CallerAge = age,
            SeniorProgram = seniorProgram,
            RepeatCallWithin72Hours = repeat,
            CallerWords = words,
        });

        Assert.Equal(Urgency.Urgent, decision.Urgency);
        Assert.Equal(2, decision.FiredRuleIds.Count);
        Assert.StartsWith("MOD-", decision.FiredRuleIds[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Stacked_modifiers_raise_by_at_most_two_classes()
    {
        var decision = Rules.Evaluate(new TriageInput
        {
            ReasonCode = "SYMPTOM",
            ScreenCompleted = true,
            CallerAge = 80,
            RepeatCallWithin72Hours = true,
            CallerWords = "it's worse, and I'm on blood thinners",
        });

        Assert.Equal(Urgency.Emergent, decision.Urgency);
        Assert.Equal(["SYM-SCREENED", "MOD-SENIOR", "MOD-REPEAT-72H", "MOD-WORSENING-WORDS", "MOD-ANTICOAGULANT"], decision.FiredRuleIds);
    }

    [Fact]
    public void A_modifier_lifts_an_emergent_red_flag_to_emergency()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SYMPTOM", ScreenCompleted = true, CallerWords = "severe headache", CallerAge = 72 });

        Assert.Equal(Urgency.Emergency, decision.Urgency);
    }

    [Fact]
    public void Sudden_rib_pain_is_raised_above_urgent_by_the_word_sudden()
    {
        var decision = Rules.Evaluate(new TriageInput { ReasonCode = "SCHEDULING", CallerWords = "sudden rib pain" });

        Assert.Equal(Urgency.Emergent, decision.Urgency);
        Assert.Equal(["PH-RIB-PAIN", "MOD-WORSENING-WORDS"], decision.FiredRuleIds);
    }

    [Fact]
    public void Evaluate_allocates_little_per_call()
    {
        var input = new TriageInput
        {
            ReasonCode = "SYMPTOM",
            RedFlags = ["GI_BLEED"],
            CallerWords = "I've had black stool since yesterday and my stomach hurts, it's getting worse. I'm 70.",
            CallerAge = 70,
        };
        for (var i = 0; i < 100; i++)
        {
            Rules.Evaluate(input);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Rules.Evaluate(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The decision record and its rule-id array; nothing proportional to the rules or the words.
        Assert.True(allocated < 512, $"allocated {allocated} bytes");
    }
}
