using System.Globalization;

namespace Routing.LoadTest.Cli;

/// <summary>
/// Reads <c>--name value</c> (or <c>--name=value</c>) options for one command. Every option must be known, given
/// once and have a value; each accessor validates its value and names the option in the error.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' for {command}; options look like --name value");
            }

            string name;
            string value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[2..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg[2..];
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException(known.Contains(name)
                        ? $"--{name} needs a value"
                        : $"unknown option --{name} for {command}");
                }

                value = args[++i];
            }

            if (!known.Contains(name))
            {
                throw new UsageException($"unknown option --{name} for {command}");
            }

            if (!_values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given more than once");
            }
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A finite number ≥ <paramref name="min"/> (or &gt; it when <paramref name="exclusive"/>), up to <paramref name="max"/>.</summary>
    public double Double(string name, double? defaultValue, double min, bool exclusive, double max = double.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue ?? throw new UsageException($"--{name} is required");
        }

        return ParseDouble(name, text, min, exclusive, max);
    }

    public double? OptionalDouble(string name, double min, bool exclusive, double max = double.MaxValue) =>
        _values.TryGetValue(name, out var text) ? ParseDouble(name, text, min, exclusive, max) : null;

    public int Int(string name, int? defaultValue, int min, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue ?? throw new UsageException($"--{name} is required");
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a whole number from {min} to {max}, got '{text}'"));
        }

        return value;
    }

    /// <summary>A comma-separated list of numbers, each ≥ <paramref name="min"/>.</summary>
    public IReadOnlyList<double> DoubleList(string name, double min)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            throw new UsageException($"--{name} is required");
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryParseFinite(parts[i], out values[i]) || values[i] < min)
            {
                throw new UsageException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"--{name} must be a comma-separated list of numbers of at least {min}, got '{parts[i]}' in '{text}'"));
            }
        }

        return values;
    }

    public string Choice(string name, string defaultValue, params string[] allowed)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        foreach (var option in allowed)
        {
            if (string.Equals(option, text, StringComparison.OrdinalIgnoreCase))
            {
                return option;
            }
        }

        throw new UsageException($"--{name} must be one of {string.Join(", ", allowed)}, got '{text}'");
    }

    private static double ParseDouble(string name, string text, double min, bool exclusive, double max)
    {
        if (!TryParseFinite(text, out var value) || value < min || (exclusive && value == min) || value > max)
        {
            var bound = exclusive ? "greater than" : "at least";
            var upper = max < double.MaxValue ? string.Create(CultureInfo.InvariantCulture, $" and at most {max}") : string.Empty;
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be a number {bound} {min}{upper}, got '{text}'"));
        }

        return value;
    }

    private static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
