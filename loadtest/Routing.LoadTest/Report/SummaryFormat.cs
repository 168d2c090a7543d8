using System.Globalization;

namespace Routing.LoadTest.Report;

/// <summary>How the summary prints numbers: a dash for "no value", invariant culture throughout.</summary>
internal static class SummaryFormat
{
    public const string None = "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? fraction) =>
        fraction is { } f && double.IsFinite(f) ? (f * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : None;

    public static string Seconds(double? seconds) =>
        seconds is { } s && double.IsFinite(s) ? s.ToString("0.0", CultureInfo.InvariantCulture) : None;

    public static string Number(double? value, string format = "0.0") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    /// <summary>A duration read by people: "45 s", "2 min", "1 h 30 min".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s))
        {
            return None;
        }

        var span = TimeSpan.FromSeconds(s);
        return s switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{s:0.#} s"),
            < 3600 => span.Seconds == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min")
                : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
            _ => span.Minutes == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h")
                : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
        };
    }

    public static string Instant(DateTimeOffset? instant) =>
        instant is { } i ? i.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : None;

    public static string Ids(IReadOnlyList<string> ids, long total, int show = 10)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var shown = string.Join(", ", ids.Take(show));
        return total > show ? $"{shown}, ... ({Count(total - show)} more in report.json)" : shown;
    }
}
