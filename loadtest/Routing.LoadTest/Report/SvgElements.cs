using System.Globalization;
using System.Xml.Linq;

namespace Routing.LoadTest.Report;

/// <summary>The few SVG elements the charts are drawn with, and how coordinates are written (invariant, 2 decimals).</summary>
internal static class SvgElements
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    public static readonly XNamespace Svg = Namespace;

    public static XElement LineElement(double x1, double y1, double x2, double y2) => new(
        Svg + "line",
        new XAttribute("x1", F(x1)),
        new XAttribute("y1", F(y1)),
        new XAttribute("x2", F(x2)),
        new XAttribute("y2", F(y2)));

    public static XElement Stroke(XElement element, string color, string? dash = null, double width = 1)
    {
        element.Add(new XAttribute("stroke", color), new XAttribute("stroke-width", F(width)));
        if (dash is not null)
        {
            element.Add(new XAttribute("stroke-dasharray", dash));
        }

        return element;
    }

    public static XElement Text(double x, double y, string text, double size, string anchor, string? weight = null, string? fill = null)
    {
        var element = new XElement(
            Svg + "text",
            new XAttribute("x", F(x)),
            new XAttribute("y", F(y)),
            new XAttribute("font-size", F(size)),
            new XAttribute("text-anchor", anchor),
            text);
        if (weight is not null)
        {
            element.Add(new XAttribute("font-weight", weight));
        }

        if (fill is not null)
        {
            element.Add(new XAttribute("fill", fill));
        }

        return element;
    }

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
