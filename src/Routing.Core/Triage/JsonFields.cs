using System.Globalization;
using System.Text.Json;

namespace Routing.Core.Triage;

/// <summary>
/// The properties of one JSON object of a rule file, checked against the names that object may have.
/// Unknown and repeated properties are refused rather than ignored: a misspelt condition ("redflags") that
/// was silently dropped would make a rule fire far more widely than its author meant.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly string _path;
    private readonly RuleFileContext _context;

    private JsonFields(Dictionary<string, JsonElement> values, string path, RuleFileContext context)
    {
        _values = values;
        _path = path;
        _context = context;
    }

    /// <summary>Number of properties present (JSON nulls included).</summary>
    public int Count => _values.Count;

    /// <param name="element">The object to read.</param>
    /// <param name="path">How the object is named in messages, for example "routing" or "when"; empty for the root.</param>
    /// <param name="allowed">The property names the object may have.</param>
    /// <param name="context">File and rule, for errors.</param>
    public static JsonFields Read(JsonElement element, string path, IReadOnlyCollection<string> allowed, RuleFileContext context)
    {
        var what = path.Length == 0 ? "the file" : $"'{path}'";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw context.Error($"{what} must be a JSON object");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw context.Error($"unknown property '{Qualify(path, property.Name)}' (allowed: {string.Join(", ", allowed)})");
            }

            if (!values.TryAdd(property.Name, property.Value))
            {
                throw context.Error($"property '{Qualify(path, property.Name)}' is given twice");
            }
        }

        return new JsonFields(values, path, context);
    }

    public bool Has(string name) => TryGet(name, out _);

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw _context.Error($"'{Qualify(_path, name)}' is missing");

    /// <summary>A non-blank string, trimmed; null when absent or JSON null.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw _context.Error($"'{Qualify(_path, name)}' must be a string");
        }

        var text = value.GetString()!.Trim();
        return text.Length == 0 ? throw _context.Error($"'{Qualify(_path, name)}' must not be empty") : text;
    }

    public int? OptionalInt(string name, int min, int max)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw _context.Error(string.Create(
                CultureInfo.InvariantCulture,
                $"'{Qualify(_path, name)}' must be a whole number from {min} to {max}, got {value.GetRawText()}"));
        }

        return number;
    }

    public bool? OptionalBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw _context.Error($"'{Qualify(_path, name)}' must be true or false"),
        };
    }

    /// <summary>A non-empty array of strings (not trimmed: the caller validates items); null when absent.</summary>
    public IReadOnlyList<string>? OptionalStringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw _context.Error($"'{Qualify(_path, name)}' must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw _context.Error($"'{Qualify(_path, name)}' must be an array of strings"));
        }

        return items.Count == 0 ? throw _context.Error($"'{Qualify(_path, name)}' must list at least one value") : items;
    }

    /// <summary>The raw element of a property that is an object or array the caller reads itself.</summary>
    public JsonElement? OptionalElement(string name, JsonValueKind kind)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == kind
            ? value
            : throw _context.Error($"'{Qualify(_path, name)}' must be {(kind == JsonValueKind.Array ? "an array" : "an object")}");
    }

    public JsonElement RequiredElement(string name, JsonValueKind kind) =>
        OptionalElement(name, kind) ?? throw _context.Error($"'{Qualify(_path, name)}' is missing");

    private static string Qualify(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    // JSON null is treated as absent, so "raiseBy": null reads like leaving the property out.
    private bool TryGet(string name, out JsonElement value) =>
        _values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;
}
