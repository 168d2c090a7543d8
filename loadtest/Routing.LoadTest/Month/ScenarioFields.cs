using System.Globalization;
using System.Text.Json;

namespace Routing.LoadTest.Month;

/// <summary>
/// One JSON object of a scenario file, read against the property names it may have. Unknown properties are refused:
/// a misspelt "seniorshare" silently ignored would run a different month than the author meant. Every error names the
/// field by its path from the root, e.g. "pools[4].staffing.target".
/// </summary>
internal sealed class ScenarioFields
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly string _source;

    private ScenarioFields(Dictionary<string, JsonElement> values, string path, string source)
    {
        _values = values;
        Path = path;
        _source = source;
    }

    /// <summary>Where this object is in the file, e.g. "mix[1]"; empty for the root.</summary>
    public string Path { get; }

    /// <summary>The file (or built-in scenario) being read, for messages.</summary>
    public string Source => _source;

    public static ScenarioFields Read(JsonElement element, string path, string source, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw SourceError(source, path.Length == 0 ? "the scenario must be a JSON object" : $"{path} must be a JSON object");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = Qualify(path, property.Name);
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw SourceError(source, $"unknown field {name} (allowed here: {string.Join(", ", allowed)})");
            }

            if (!values.TryAdd(property.Name, property.Value))
            {
                throw SourceError(source, $"field {name} is given twice");
            }
        }

        return new ScenarioFields(values, path, source);
    }

    public static ScenarioException SourceError(string source, string message) => new($"scenario {source}: {message}");

    public ScenarioException Error(string name, string message) => SourceError(_source, $"{Name(name)} {message}");

    /// <summary>An error about an element addressed by its full path (an array item, say).</summary>
    public ScenarioException ErrorAt(string path, string message) => SourceError(_source, $"{path} {message}");

    public string Name(string name) => Qualify(Path, name);

    public bool Has(string name) => _values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement Get(string name) =>
        _values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Error(name, "is required");

    public ScenarioFields Object(string name, params string[] allowed) => Read(Get(name), Name(name), _source, allowed);

    public string String(string name)
    {
        var value = Get(name);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Error(name, "must be a non-empty string");
        }

        return value.GetString()!.Trim();
    }

    public string? OptionalString(string name) => Has(name) ? String(name) : null;

    public bool Bool(string name, bool defaultValue)
    {
        if (!Has(name))
        {
            return defaultValue;
        }

        var value = Get(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, "must be true or false"),
        };
    }

    /// <summary>A finite number in [min, max] (min excluded when <paramref name="exclusive"/>).</summary>
    public double Number(string name, double? defaultValue, double min, double max, bool exclusive = false)
    {
        if (!Has(name))
        {
            return defaultValue ?? throw Error(name, "is required");
        }

        return NumberOf(Get(name), Name(name), min, max, exclusive);
    }

    public int Int(string name, int? defaultValue, int min, int max)
    {
        if (!Has(name))
        {
            return defaultValue ?? throw Error(name, "is required");
        }

        var value = Get(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw Error(name, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}, got {value.GetRawText()}"));
        }

        return number;
    }

    public double NumberOf(JsonElement value, string name, double min, double max, bool exclusive = false)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number)
            || number < min || (exclusive && number == min) || number > max)
        {
            var bound = exclusive ? "greater than" : "at least";
            throw ErrorAt(name, string.Create(CultureInfo.InvariantCulture, $"must be a number {bound} {min} and at most {max}, got {value.GetRawText()}"));
        }

        return number;
    }

    /// <summary>The elements of an array field, each with its path ("mix[3]"); empty when absent and not required.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)> Items(string name, bool required)
    {
        if (!Has(name))
        {
            return required ? throw Error(name, "is required") : [];
        }

        var value = Get(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, "must be an array");
        }

        var items = new List<(JsonElement, string)>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add((item, string.Create(CultureInfo.InvariantCulture, $"{Name(name)}[{i++}]")));
        }

        return items;
    }

    public IReadOnlyList<string> Strings(string name)
    {
        var items = Items(name, required: false);
        var strings = new List<string>(items.Count);
        foreach (var (element, path) in items)
        {
            if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
            {
                throw ErrorAt(path, "must be a non-empty string");
            }

            strings.Add(element.GetString()!.Trim());
        }

        return strings;
    }

    private static string Qualify(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
