using System.Globalization;

namespace Routing.LoadTest.Report;

/// <summary>
/// Answered waits, clinical classes apart from administrative ones, in bins that widen with the wait (seconds for
/// the administrative queues, up to hours for same-day callbacks), the last open-ended.
/// </summary>
internal sealed record WaitHistogram(IReadOnlyList<WaitBin> Bins, IReadOnlyList<WaitSeries> Series)
{
    public const string Administrative = "administrative";
    public const string Clinical = "clinical";

    /// <summary>Bin edges in seconds: [e(i), e(i+1)), the last bin from the last edge up.</summary>
    public static IReadOnlyList<double> Edges { get; } = [0, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600, 900, 1800, 3600, 7200];

    public static WaitHistogram Of(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bins = Edges.Select((from, i) => new WaitBin(from, i + 1 < Edges.Count ? Edges[i + 1] : null, Label(i))).ToArray();
        var answered = context.Calls.Where(c => c.Outcome == CallOutcome.Answered).ToArray();
        var series = new[] { (Administrative, false), (Clinical, true) }
            .Select(s =>
            {
                var counts = new long[bins.Length];
                var waits = answered.Where(c => c.IsClinical == s.Item2).Select(c => c.WaitSeconds!.Value).ToArray();
                foreach (var wait in waits)
                {
                    counts[BinOf(wait)]++;
                }

                return new WaitSeries(s.Item1, waits.Length, counts);
            })
            .ToArray();
        return new WaitHistogram(bins, series);
    }

    public static int BinOf(double waitSeconds)
    {
        for (var i = Edges.Count - 1; i > 0; i--)
        {
            if (waitSeconds >= Edges[i])
            {
                return i;
            }
        }

        return 0;
    }

    private static string Label(int i)
    {
        var from = Edges[i];
        return i + 1 < Edges.Count ? Short(from, Edges[i + 1]) : "≥" + Duration(from);
    }

    private static string Short(double from, double to)
    {
        // Same unit on both ends reads as "5–10s", "1–1.5m", "1–2h"; mixed as "45s–1m".
        var (fromText, fromUnit) = Split(from);
        var (toText, toUnit) = Split(to);
        return from == 0 ? "<" + toText + toUnit
            : fromUnit == toUnit ? fromText + "–" + toText + toUnit
            : fromText + fromUnit + "–" + toText + toUnit;
    }

    private static string Duration(double seconds)
    {
        var (text, unit) = Split(seconds);
        return text + unit;
    }

    private static (string Text, string Unit) Split(double seconds) => seconds switch
    {
        >= 3600 => ((seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture), "h"),
        >= 60 => ((seconds / 60).ToString("0.#", CultureInfo.InvariantCulture), "m"),
        _ => (seconds.ToString("0.#", CultureInfo.InvariantCulture), "s"),
    };
}

/// <summary>Waits from <paramref name="FromSeconds"/> (inclusive) to <paramref name="ToSeconds"/> (exclusive; null: no upper end).</summary>
internal sealed record WaitBin(double FromSeconds, double? ToSeconds, string Label);

/// <summary>Answered calls of one category and how many fell in each bin (same order as the bins).</summary>
internal sealed record WaitSeries(string Name, long Count, IReadOnlyList<long> Counts);
