using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Routing.Core.Urgencies;

namespace Routing.Core.Triage;

/// <summary>
/// Turns a parsed rule file into a <see cref="TriageRuleSet"/>, refusing the whole file at the first fault
/// (the format is described in README.md next to this file). Everything that can be computed once is computed
/// here: phrases are normalized, code lists become frozen sets, red-flag status is decided.
/// </summary>
internal static class RuleFileReader
{
    public const int MaxRaiseBy = 2;

    private const int MaxAge = 150;

    private static readonly string[] RootProperties = ["version", "description", "maxModifierRaise", "routing", "rules"];
    private static readonly string[] RoutingProperties = ["clinicalQueue", "defaultQueue", "reasonQueues", "seniorQueue", "seniorAge"];
    private static readonly string[] RuleProperties = ["id", "description", "when", "urgency", "raiseBy", "redFlag"];
    private static readonly string[] WhenProperties =
    [
        "redFlags", "anyOtherRedFlag", "phrases", "withPhrases", "reasonCodes", "minAge", "senior", "seniorProgram",
        "repeatCallWithin72Hours", "screenCompleted",
    ];

    public static TriageRuleSet Read(JsonElement root, string sourceName)
    {
        var context = new RuleFileContext(sourceName, RuleId: null);
        var fields = JsonFields.Read(root, string.Empty, RootProperties, context);
        var version = fields.RequiredString("version");
        var description = fields.OptionalString("description");

        // Absent means no cap beyond EMERGENCY: each distinct modifier adds its amount.
        var maxModifierRaise = fields.OptionalInt("maxModifierRaise", 1, (int)Urgency.Emergency - (int)Urgency.SameDay) ?? int.MaxValue;
        var routing = ReadRouting(fields.RequiredElement("routing", JsonValueKind.Object), context);

        var rulesElement = fields.RequiredElement("rules", JsonValueKind.Array);
        var rules = new List<TriageRule>(rulesElement.GetArrayLength());
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in rulesElement.EnumerateArray())
        {
            var rule = ReadRule(element, index, context);
            if (!ids.Add(rule.Id))
            {
                throw context.ForRule(rule.Id).Error("duplicate rule id");
            }

            rules.Add(rule);
            index++;
        }

        if (rules.Count == 0)
        {
            throw context.Error("'rules' is empty: a rule set without rules would route every call as ROUTINE");
        }

        return new TriageRuleSet(version, description, routing, [.. rules], maxModifierRaise);
    }

    private static TriageRouting ReadRouting(JsonElement element, RuleFileContext context)
    {
        var fields = JsonFields.Read(element, "routing", RoutingProperties, context);
        var clinical = fields.RequiredString("clinicalQueue");
        var defaultQueue = fields.RequiredString("defaultQueue");
        var seniorQueue = fields.OptionalString("seniorQueue");
        var seniorAge = fields.OptionalInt("seniorAge", 0, MaxAge);

        var reasonQueues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields.OptionalElement("reasonQueues", JsonValueKind.Object) is { } map)
        {
            foreach (var entry in map.EnumerateObject())
            {
                if (!RuleCodeFormat.IsUpperSnake(entry.Name))
                {
                    throw context.Error($"reason code '{entry.Name}' in 'routing.reasonQueues' must be UPPER_SNAKE (for example SCHEDULING)");
                }

                if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
                {
                    throw context.Error($"'routing.reasonQueues.{entry.Name}' must be a queue id");
                }

                if (!reasonQueues.TryAdd(entry.Name, entry.Value.GetString()!.Trim()))
                {
                    throw context.Error($"reason code '{entry.Name}' is mapped twice in 'routing.reasonQueues'");
                }
            }
        }

        return new TriageRouting(clinical, defaultQueue, reasonQueues.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), seniorQueue, seniorAge);
    }

    private static TriageRule ReadRule(JsonElement element, int index, RuleFileContext fileContext)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"rules[{index}]");
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw fileContext.Error($"{at} must be a JSON object");
        }

        // Read the id before anything else so every later refusal can name the rule.
        var rawId = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!.Trim()
            : null;
        var context = fileContext.ForRule(string.IsNullOrEmpty(rawId) ? null : rawId);
        if (context.RuleId is null)
        {
            throw context.Error($"{at} has no 'id' (a non-empty string)");
        }

        var fields = JsonFields.Read(element, string.Empty, RuleProperties, context);
        if (!RuleCodeFormat.IsRuleId(context.RuleId))
        {
            throw context.Error("a rule id may contain only letters, digits, '-', '_' and '.'");
        }

        _ = fields.OptionalString("description");
        var condition = ReadCondition(fields.RequiredElement("when", JsonValueKind.Object), context);

        var urgencyText = fields.OptionalString("urgency");
        var raiseBy = fields.OptionalInt("raiseBy", 1, MaxRaiseBy);
        if ((urgencyText is null) == (raiseBy is null))
        {
            throw context.Error("a rule needs exactly one of 'urgency' (a floor) or 'raiseBy' (a modifier)");
        }

        Urgency? floor = urgencyText is null ? null : ParseUrgency(urgencyText, context);

        // A setting rule that looks at red-flag codes or the caller's words detects a red flag unless told
        // otherwise. Modifiers (age, pregnancy, "worse") are risk factors, not red flags: counting them would
        // put administrative calls into the FTCE-A metric.
        var inferredRedFlag = floor is not null && (condition.RedFlags is not null || condition.AnyOtherRedFlag || condition.Phrases is not null);
        var isRedFlag = fields.OptionalBool("redFlag") ?? inferredRedFlag;

        return new TriageRule(context.RuleId, condition, floor, raiseBy ?? 0, isRedFlag);
    }

    private static Urgency ParseUrgency(string text, RuleFileContext context)
    {
        // Only the contract's codes (any case): the enum parser would also take "3" or "SameDay".
        if (!UrgencyExtensions.TryParse(text, out var urgency) || !string.Equals(text, urgency.ToCode(), StringComparison.OrdinalIgnoreCase))
        {
            throw context.Error($"unknown urgency '{text}' (expected SAME_DAY, URGENT, EMERGENT or EMERGENCY)");
        }

        return urgency == Urgency.Routine
            ? throw context.Error("a rule must raise urgency above ROUTINE")
            : urgency;
    }

    private static TriageCondition ReadCondition(JsonElement element, RuleFileContext context)
    {
        var fields = JsonFields.Read(element, "when", WhenProperties, context);
        if (fields.Count == 0)
        {
            throw context.Error("'when' must have at least one condition");
        }

        var phrases = ReadPhrases(fields, "phrases", context);
        var withPhrases = ReadPhrases(fields, "withPhrases", context);
        if (withPhrases is not null && phrases is null)
        {
            throw context.Error("'when.withPhrases' needs 'when.phrases': it is the second group of a pair");
        }

        return new TriageCondition
        {
            RedFlags = ReadCodes(fields, "redFlags", "red-flag code", "CARDIAC_CHEST", context),
            AnyOtherRedFlag = ReadPresenceFlag(fields, "anyOtherRedFlag", context),
            Phrases = phrases,
            WithPhrases = withPhrases,
            ReasonCodes = ReadCodes(fields, "reasonCodes", "reason code", "SYMPTOM", context),
            MinAge = fields.OptionalInt("minAge", 0, MaxAge),
            Senior = ReadPresenceFlag(fields, "senior", context),
            SeniorProgram = ReadPresenceFlag(fields, "seniorProgram", context),
            RepeatCallWithin72Hours = ReadPresenceFlag(fields, "repeatCallWithin72Hours", context),
            ScreenCompleted = fields.OptionalBool("screenCompleted"),
        };
    }

    // Signal conditions may only ask for the signal to be present. A rule firing on its absence would let a
    // new signal (a senior caller, a repeat call) lower the urgency, which rules must never do.
    private static bool ReadPresenceFlag(JsonFields fields, string name, RuleFileContext context) =>
        fields.OptionalBool(name) switch
        {
            null => false,
            true => true,
            false => throw context.Error($"'when.{name}' can only be true: a rule may not fire on the absence of a signal"),
        };

    private static FrozenSet<string>? ReadCodes(JsonFields fields, string name, string what, string example, RuleFileContext context)
    {
        var codes = fields.OptionalStringArray(name);
        if (codes is null)
        {
            return null;
        }

        foreach (var code in codes)
        {
            if (!RuleCodeFormat.IsUpperSnake(code))
            {
                throw context.Error($"{what} '{code}' must be UPPER_SNAKE (for example {example})");
            }
        }

        return codes.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private static SearchValues<string>? ReadPhrases(JsonFields fields, string name, RuleFileContext context)
    {
        var phrases = fields.OptionalStringArray(name);
        if (phrases is null)
        {
            return null;
        }

        var normalized = new List<string>(phrases.Count);
        foreach (var phrase in phrases)
        {
            if (string.IsNullOrWhiteSpace(phrase))
            {
                throw context.Error($"'when.{name}' contains an empty phrase");
            }

            var form = PhraseNormalizer.Normalize(phrase);
            if (form.Length == 0)
            {
                throw context.Error($"phrase '{phrase}' in 'when.{name}' has no letters or digits");
            }

            if (!normalized.Contains(form, StringComparer.Ordinal))
            {
                normalized.Add(form);
            }
        }

        return SearchValues.Create(normalized.ToArray(), StringComparison.Ordinal);
    }
}
