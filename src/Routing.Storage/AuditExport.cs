using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Routing.Storage;

/// <summary>Which audit records to read or export; every bound is optional.</summary>
/// <param name="From">Records at or after this time (inclusive).</param>
/// <param name="To">Records before this time (exclusive).</param>
/// <param name="CallId">Only this call's records.</param>
public sealed record AuditExportFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? CallId = null)
{
    public static AuditExportFilter All { get; } = new();
}

/// <summary>
/// The audit trail as JSON lines: one object per record with id, eventSequence, at (ISO 8601 UTC, milliseconds),
/// callId, kind, actor, hash and prevHash (lower-case hex) and record (the event's JSON object, not a string).
/// A record whose stored bytes are not JSON (tampering, corruption) is exported as a string with
/// "recordIsNotJson": true, so an export never hides a row.
/// </summary>
internal static class AuditExport
{
    private static ReadOnlySpan<byte> NewLine => "\n"u8;

    public static void WriteLine(Utf8JsonWriter writer, IBufferWriter<byte> output, AuditEntry entry)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("id", entry.Id);
        writer.WriteNumber("eventSequence", entry.EventSequence);
        writer.WriteString("at", FormatUtc(entry.AtMs));
        writer.WriteString("callId", entry.CallId);
        writer.WriteString("kind", entry.Kind);
        writer.WriteString("actor", entry.Actor);
        writer.WriteString("hash", Convert.ToHexStringLower(entry.Hash));
        writer.WriteString("prevHash", Convert.ToHexStringLower(entry.PrevHash));
        if (IsJson(entry.Record))
        {
            writer.WritePropertyName("record");
            writer.WriteRawValue(entry.Record, skipInputValidation: true);
        }
        else
        {
            writer.WriteString("record", System.Text.Encoding.UTF8.GetString(entry.Record));
            writer.WriteBoolean("recordIsNotJson", true);
        }

        writer.WriteEndObject();
        writer.Flush();
        output.Write(NewLine);
    }

    /// <summary>ISO 8601 UTC with milliseconds, for example 2026-11-30T08:00:00.000Z.</summary>
    public static string FormatUtc(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool IsJson(byte[] utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
