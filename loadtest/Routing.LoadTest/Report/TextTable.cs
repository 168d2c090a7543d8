using System.Text;

namespace Routing.LoadTest.Report;

/// <summary>A plain-text table: the first column left-aligned, the others right-aligned, two spaces apart.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(writer);
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers, widths, indent));
        writer.WriteLine(indent + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            writer.WriteLine(Line(row, widths, indent));
        }
    }

    private static string Line(string[] cells, int[] widths, string indent)
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
        }

        return line.ToString().TrimEnd();
    }
}
