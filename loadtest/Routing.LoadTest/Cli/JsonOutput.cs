using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Routing.LoadTest.Erlang;

namespace Routing.LoadTest.Cli;

/// <summary>Indented JSON for people and scripts; numbers rounded to 6 decimals so outputs diff cleanly.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Number(Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            Number(writer, name, v);
        }
        else
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteNull(name);
        }
    }

    /// <summary>The model's figures under the same names as the simulated ones.</summary>
    public static void Prediction(Utf8JsonWriter writer, string name, QueuePrediction? prediction, string? unavailable)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject(name);
        if (prediction is null)
        {
            writer.WriteString("model", ErlangC.ModelName);
            writer.WriteBoolean("stable", false);
            writer.WriteString("note", unavailable);
            writer.WriteNull("serviceLevel");
            writer.WriteNull("probabilityOfWait");
            writer.WriteNull("asa");
            writer.WriteNull("abandonRate");
            writer.WriteNull("occupancy");
        }
        else
        {
            writer.WriteString("model", prediction.Model);
            writer.WriteBoolean("stable", true);
            Number(writer, "serviceLevel", prediction.ServiceLevel);
            Number(writer, "probabilityOfWait", prediction.ProbabilityOfWait);
            Number(writer, "asa", prediction.AsaSeconds);
            Number(writer, "abandonRate", prediction.AbandonRate);
            Number(writer, "occupancy", prediction.Occupancy);
        }

        writer.WriteEndObject();
    }
}
