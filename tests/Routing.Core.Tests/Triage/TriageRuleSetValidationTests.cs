using System.Text;
using Routing.Core.Triage;

namespace Routing.Core.Tests.Triage;

/// <summary>An invalid rule file is refused when loaded, naming the file, the rule and the reason.</summary>
public sealed class TriageRuleSetValidationTests
{
    private const string Valid = """{ "id": "OK", "when": { "redFlags": ["CARDIAC_CHEST"] }, "urgency": "EMERGENCY" }""";

    public static TheoryData<string, string?, string> InvalidRules => new()
    {
        // rule json, expected rule id, expected reason fragment
        { """{ "when": { "redFlags": ["STROKE"] }, "urgency": "EMERGENCY" }""", null, "rules[1] has no 'id'" },
        { """{ "id": "  ", "when": { "redFlags": ["STROKE"] }, "urgency": "EMERGENCY" }""", null, "rules[1] has no 'id'" },
        { """{ "id": "OK", "when": { "redFlags": ["STROKE"] }, "urgency": "EMERGENCY" }""", "OK", "duplicate rule id" },
        { """{ "id": "PH CHEST", "when": { "redFlags": ["STROKE"] }, "urgency": "EMERGENCY" }""", "PH CHEST", "a rule id may contain only" },
        { """{ "id": "PH-CHEST", "when": { "phrases": ["chest pain"] }, "urgency": "URGNT" }""", "PH-CHEST", "unknown urgency 'URGNT'" },
        { """{ "id": "PH-CHEST", "when": { "phrases": ["chest pain"] }, "urgency": "3" }""", "PH-CHEST", "unknown urgency '3'" },
        { """{ "id": "PH-CHEST", "when": { "phrases": ["chest pain"] }, "urgency": "ROUTINE" }""", "PH-CHEST", "a rule must raise urgency above ROUTINE" },
        { """{ "id": "BOTH", "when": { "minAge": 65 }, "urgency": "URGENT", "raiseBy": 1 }""", "BOTH", "exactly one of 'urgency'" },
        { """{ "id": "NEITHER", "when": { "minAge": 65 } }""", "NEITHER", "exactly one of 'urgency'" },
        { """{ "id": "RAISE-0", "when": { "minAge": 65 }, "raiseBy": 0 }""", "RAISE-0", "'raiseBy' must be a whole number from 1 to 2, got 0" },
        { """{ "id": "RAISE-3", "when": { "minAge": 65 }, "raiseBy": 3 }""", "RAISE-3", "'raiseBy' must be a whole number from 1 to 2, got 3" },
        { """{ "id": "RAISE-TEXT", "when": { "minAge": 65 }, "raiseBy": "1" }""", "RAISE-TEXT", "'raiseBy' must be a whole number" },
        { """{ "id": "EMPTY-WHEN", "when": { }, "urgency": "URGENT" }""", "EMPTY-WHEN", "'when' must have at least one condition" },
        { """{ "id": "NO-WHEN", "urgency": "URGENT" }""", "NO-WHEN", "'when' is missing" },
        { """{ "id": "EMPTY-LIST", "when": { "phrases": [] }, "urgency": "URGENT" }""", "EMPTY-LIST", "'when.phrases' must list at least one value" },
        { """{ "id": "EMPTY-PHRASE", "when": { "phrases": ["chest pain", " "] }, "urgency": "URGENT" }""", "EMPTY-PHRASE", "empty phrase" },
        { """{ "id": "PUNCT-PHRASE", "when": { "phrases": ["?!"] }, "urgency": "URGENT" }""", "PUNCT-PHRASE", "phrase '?!' in 'when.phrases' has no letters or digits" },
        { """{ "id": "WITH-ALONE", "when": { "withPhrases": ["dizzy"] }, "urgency": "URGENT" }""", "WITH-ALONE", "'when.withPhrases' needs 'when.phrases'" },
        { """{ "id": "BAD-FLAG", "when": { "redFlags": ["cardiac-chest"] }, "urgency": "URGENT" }""", "BAD-FLAG", "red-flag code 'cardiac-chest' must be UPPER_SNAKE" },
        { """{ "id": "BAD-FLAG2", "when": { "redFlags": ["CARDIAC__CHEST"] }, "urgency": "URGENT" }""", "BAD-FLAG2", "red-flag code 'CARDIAC__CHEST' must be UPPER_SNAKE" },
        { """{ "id": "BAD-REASON", "when": { "reasonCodes": ["Symptom"] }, "urgency": "URGENT" }""", "BAD-REASON", "reason code 'Symptom' must be UPPER_SNAKE" },
        { """{ "id": "TYPO", "when": { "redflags": ["STROKE"] }, "urgency": "URGENT" }""", "TYPO", "unknown property 'when.redflags'" },
        { """{ "id": "EXTRA", "when": { "redFlags": ["STROKE"] }, "urgency": "URGENT", "priority": 1 }""", "EXTRA", "unknown property 'priority'" },
        { """{ "id": "TWICE", "when": { "redFlags": ["STROKE"] }, "urgency": "URGENT", "urgency": "EMERGENCY" }""", "TWICE", "property 'urgency' is given twice" },
        { """{ "id": "NEGATIVE", "when": { "seniorProgram": false }, "raiseBy": 1 }""", "NEGATIVE", "'when.seniorProgram' can only be true" },
        { """{ "id": "AGE", "when": { "minAge": 200 }, "raiseBy": 1 }""", "AGE", "'when.minAge' must be a whole number from 0 to 150" },
        { """{ "id": "FLAGS-TYPE", "when": { "redFlags": "STROKE" }, "urgency": "URGENT" }""", "FLAGS-TYPE", "'when.redFlags' must be an array of strings" },
        { """{ "id": "SCREEN-TYPE", "when": { "screenCompleted": "no" }, "urgency": "URGENT" }""", "SCREEN-TYPE", "'when.screenCompleted' must be true or false" },
        { "\"not an object\"", null, "rules[1] must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void An_invalid_rule_is_refused_naming_file_rule_and_reason(string rule, string? ruleId, string reason)
    {
        var ex = Refused(TestRuleFiles.With(Valid, rule));

        Assert.Equal(TestRuleFiles.SourceName, ex.SourceName);
        Assert.Equal(ruleId, ex.RuleId);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        var prefix = ruleId is null ? "rules.json: " : $"rules.json: rule '{ruleId}' : ";
        Assert.StartsWith(prefix + ex.Reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_reads_file_rule_and_reason()
    {
        var ex = Refused(TestRuleFiles.With("""{ "id": "PH-CHEST", "when": { "phrases": ["chest pain"] }, "urgency": "URGNT" }"""));

        Assert.StartsWith("rules.json: rule 'PH-CHEST' : unknown urgency 'URGNT'", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidFiles => new()
    {
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ """ + Valid + ", ] }", "malformed JSON at line 1, position " },
        { "{ \"version\": \"1\",\n  \"routing\": {\n  \"clinicalQueue\": \"c\" \"defaultQueue\": \"d\" } }", "malformed JSON at line 3, position " },
        { "", "malformed JSON" },
        { """{ "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ """ + Valid + " ] }", "'version' is missing" },
        { """{ "version": "  ", "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ """ + Valid + " ] }", "'version' must not be empty" },
        { """{ "version": "1", "rules": [ """ + Valid + " ] }", "'routing' is missing" },
        { """{ "version": "1", "routing": { "defaultQueue": "d" }, "rules": [ """ + Valid + " ] }", "'routing.clinicalQueue' is missing" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c" }, "rules": [ """ + Valid + " ] }", "'routing.defaultQueue' is missing" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d", "reasonQueues": { "billing": "b" } }, "rules": [ """ + Valid + " ] }", "reason code 'billing' in 'routing.reasonQueues' must be UPPER_SNAKE" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d", "seniorAge": -1 }, "rules": [ """ + Valid + " ] }", "'routing.seniorAge' must be a whole number from 0 to 150" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d", "queue": "x" }, "rules": [ """ + Valid + " ] }", "unknown property 'routing.queue'" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ ] }""", "'rules' is empty" },
        { """{ "version": "1", "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ """ + Valid + " ], \"Version\": \"2\" }", "unknown property 'Version'" },
        { """{ "version": "1", "maxModifierRaise": 0, "routing": { "clinicalQueue": "c", "defaultQueue": "d" }, "rules": [ """ + Valid + " ] }", "'maxModifierRaise' must be a whole number from 1 to 3" },
        { "[]", "the file must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void An_invalid_file_is_refused_naming_the_file_and_reason(string json, string reason)
    {
        var ex = Refused(json);

        Assert.Equal(TestRuleFiles.SourceName, ex.SourceName);
        Assert.Null(ex.RuleId);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        Assert.StartsWith("rules.json: " + ex.Reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_keeps_the_parser_error_as_inner_exception() =>
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(Refused("{ nope").InnerException);

    [Fact]
    public void Comments_are_allowed_and_a_stream_parses_like_a_string()
    {
        var json = TestRuleFiles.WithHeader("// tuned by the medical director\n\"version\": \"c.1\",", Valid);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var rules = TriageRuleSetLoader.Parse(stream, "tuned.json");

        Assert.Equal("c.1", rules.Version);
        Assert.Equal(["OK"], rules.RuleIds);
    }

    [Fact]
    public void Stream_errors_name_the_file_too()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{ \"version\": 1 }"));

        var ex = Assert.Throws<TriageRuleSetException>(() => TriageRuleSetLoader.Parse(stream, "/etc/routing/rules.json"));

        Assert.Equal("/etc/routing/rules.json: 'version' must be a string", ex.Message);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => TriageRuleSetLoader.Parse((string)null!, "x"));
        Assert.Throws<ArgumentNullException>(() => TriageRuleSetLoader.Parse((Stream)null!, "x"));
        Assert.Throws<ArgumentException>(() => TriageRuleSetLoader.Parse(TestRuleFiles.With(Valid), " "));
    }

    private static TriageRuleSetException Refused(string json) =>
        Assert.Throws<TriageRuleSetException>(() => TriageRuleSetLoader.Parse(json, TestRuleFiles.SourceName));
}
