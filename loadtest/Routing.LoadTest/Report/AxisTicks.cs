using System.Globalization;

namespace Routing.LoadTest.Report;

/// <summary>Round tick steps (1, 2, 2.5 or 5 × 10^k) for a linear axis.</summary>
internal static class AxisTicks
{
    /// <summary>An axis from 0 (or <paramref name="min"/>) up to a round value at or above <paramref name="max"/>.</summary>
    public static ChartAxis Linear(string title, double min, double max, Func<double, string> label, int targetTicks = 6)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!(max > min))
        {
            max = min + 1;
        }

        var step = Step((max - min) / targetTicks);
        var top = Math.Ceiling((max / step) - 1e-9) * step;
        var bottom = Math.Floor((min / step) + 1e-9) * step;
        var ticks = new List<AxisTick>();
        for (var i = 0; ; i++)
        {
            var value = bottom + (i * step);
            if (value > top + (step / 2))
            {
                break;
            }

            ticks.Add(new AxisTick(value, label(value)));
        }

        return new ChartAxis(title, bottom, top, ticks);
    }

    /// <summary>A log10 axis around [<paramref name="min"/>, <paramref name="max"/>] (both above 0), ticks at 1, 2 and 5 times powers of ten.</summary>
    public static ChartAxis Logarithmic(string title, double min, double max, Func<double, string> label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!(min > 0))
        {
            min = 1;
        }

        if (!(max > min))
        {
            max = min * 10;
        }

        var ticks = new List<AxisTick>();
        for (var decade = Math.Floor(Math.Log10(min)); decade <= Math.Ceiling(Math.Log10(max)); decade++)
        {
            foreach (var multiple in new[] { 1.0, 2.0, 5.0 })
            {
                var value = multiple * Math.Pow(10, decade);
                if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9))
                {
                    ticks.Add(new AxisTick(value, label(value)));
                }
            }
        }

        return new ChartAxis(title, min, max, ticks, Logarithmic: true);
    }

    /// <summary>The round step at or above <paramref name="rough"/>.</summary>
    public static double Step(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var multiple in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (multiple * magnitude >= rough - 1e-12)
            {
                return multiple * magnitude;
            }
        }

        return 10 * magnitude;
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Hours of the day 0 .. 24 every <paramref name="everyHours"/>, labelled "00:00".</summary>
    public static ChartAxis HoursOfDay(string title, int everyHours = 2) => new(
        title,
        0,
        24,
        Enumerable.Range(0, (24 / everyHours) + 1)
            .Select(i => new AxisTick(i * everyHours, (i * everyHours).ToString("00", CultureInfo.InvariantCulture) + ":00"))
            .ToArray());
}
