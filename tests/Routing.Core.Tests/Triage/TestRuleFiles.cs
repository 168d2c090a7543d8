using Routing.Core.Triage;

namespace Routing.Core.Tests.Triage;

/// <summary>Small rule files for tests, so each test shows only the rules it is about.</summary>
internal static class TestRuleFiles
{
    public const string SourceName = "rules.json";

    public const string Routing = """
        {
          "clinicalQueue": "clinical",
          "defaultQueue": "front-desk",
          "reasonQueues": { "BILLING": "billing", "SCHEDULING": "scheduling" },
          "seniorQueue": "senior-line",
          "seniorAge": 65
        }
        """;

    /// <summary>A complete file with the given rule objects (JSON text), version "test.1".</summary>
    public static string With(params string[] rules) => WithHeader("\"version\": \"test.1\",", rules);

    /// <summary>A complete file with extra root properties (ending in a comma) before routing and rules.</summary>
    public static string WithHeader(string header, params string[] rules) => $$"""
        {
          {{header}}
          "routing": {{Routing}},
          "rules": [
            {{string.Join(",\n", rules)}}
          ]
        }
        """;

    public static TriageRuleSet Load(params string[] rules) => TriageRuleSetLoader.Parse(With(rules), SourceName);
}
