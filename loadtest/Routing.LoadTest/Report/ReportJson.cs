using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Routing.LoadTest.Report;

/// <summary>
/// report.json: the <see cref="ReportDocument"/> with snake_case names in declaration order, lists in the
/// document's fixed order (no dictionaries), numbers rounded to 6 decimals, durations in seconds, instants ISO 8601.
/// Reading the text back gives a document that writes the same text.
/// </summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new RoundedDoubleConverter() },
    };

    public static string Write(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(document, Options) + "\n";
    }

    public static ReportDocument Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<ReportDocument>(json, Options)
            ?? throw new InvalidOperationException("report.json holds null");
    }

    /// <summary>Doubles rounded to 6 decimals so reports diff cleanly; a non-finite value is written as null.</summary>
    private sealed class RoundedDoubleConverter : JsonConverter<double>
    {
        public override bool HandleNull => false;

        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(Math.Round(value, 6));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
