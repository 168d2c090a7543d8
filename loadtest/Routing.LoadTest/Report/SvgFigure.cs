using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Routing.LoadTest.Report;

/// <summary>
/// One SVG file holding one or more <see cref="SvgChart"/> panels stacked top to bottom (nested <c>&lt;svg&gt;</c>
/// elements), on a white background, written as UTF-8 XML through <see cref="XDocument"/> so text is escaped.
/// </summary>
internal sealed class SvgFigure(IReadOnlyList<SvgChart> panels)
{
    public IReadOnlyList<SvgChart> Panels { get; } = panels.Count > 0 ? panels : throw new ArgumentException("a figure needs a panel", nameof(panels));

    public string ToSvg()
    {
        var width = Panels.Max(p => p.Width);
        var height = Panels.Sum(p => p.Height);
        var root = new XElement(
            SvgElements.Svg + "svg",
            new XAttribute("width", SvgElements.F(width)),
            new XAttribute("height", SvgElements.F(height)),
            new XAttribute("viewBox", $"0 0 {SvgElements.F(width)} {SvgElements.F(height)}"),
            new XAttribute("font-family", "Helvetica, Arial, sans-serif"),
            new XElement(SvgElements.Svg + "title", string.Join(" / ", Panels.Select(p => p.Title))),
            new XElement(SvgElements.Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));
        var y = 0.0;
        foreach (var panel in Panels)
        {
            root.Add(panel.Render(y));
            y += panel.Height;
        }

        var builder = new StringBuilder();
        using (var writer = new Utf8StringWriter(builder))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        return builder.Append('\n').ToString();
    }

    public void Save(string path) => File.WriteAllText(path, ToSvg(), new UTF8Encoding(false));

    /// <summary>A StringWriter that declares UTF-8, so the XML declaration says what the file is.</summary>
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
