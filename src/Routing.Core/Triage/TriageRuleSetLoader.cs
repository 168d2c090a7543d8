using System.Text.Json;

namespace Routing.Core.Triage;

/// <summary>
/// Loads triage rule sets from JSON (format: README.md next to this file). Parsing only: the caller reads the
/// file and passes its name, which every <see cref="TriageRuleSetException"/> repeats so the fault can be found.
/// </summary>
public static class TriageRuleSetLoader
{
    /// <summary>Manifest name of the default rule set embedded in this assembly.</summary>
    public const string DefaultResourceName = "Routing.Core.Triage.default-rules.json";

    // Comments are allowed so a medical director can annotate a tuned file; trailing commas are not, because
    // a stray comma is more often a half-deleted rule than a style choice.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>Parses and validates a rule file. Throws <see cref="TriageRuleSetException"/> on any fault.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">The file name, for error messages.</param>
    public static TriageRuleSet Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        using var document = ParseDocument(() => JsonDocument.Parse(json, DocumentOptions), sourceName);
        return RuleFileReader.Read(document.RootElement, sourceName);
    }

    /// <summary>Parses and validates a UTF-8 rule file from a stream (not closed). Throws <see cref="TriageRuleSetException"/>.</summary>
    /// <param name="utf8Json">The file's content.</param>
    /// <param name="sourceName">The file name, for error messages.</param>
    public static TriageRuleSet Parse(Stream utf8Json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        using var document = ParseDocument(() => JsonDocument.Parse(utf8Json, DocumentOptions), sourceName);
        return RuleFileReader.Read(document.RootElement, sourceName);
    }

    /// <summary>
    /// The default rule set shipped with the engine, built from the clinical triage reference. It is
    /// configuration for a medical director to review and replace, not a clinical authority.
    /// </summary>
    public static TriageRuleSet LoadDefault()
    {
        using var stream = typeof(TriageRuleSetLoader).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{DefaultResourceName}' is missing from the build.");
        return Parse(stream, DefaultResourceName);
    }

    private static JsonDocument ParseDocument(Func<JsonDocument> parse, string sourceName)
    {
        try
        {
            return parse();
        }
        catch (JsonException ex)
        {
            // The reader's message ends with its own zero-based "LineNumber: 0 | BytePositionInLine: 5."; replace
            // it with one-based numbers, as an editor shows them.
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }

            var reason = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? FormattableString.Invariant($"malformed JSON at line {line + 1}, position {position + 1}: {message}")
                : $"malformed JSON: {message}";
            throw new TriageRuleSetException(sourceName, ruleId: null, reason, ex);
        }
    }
}
