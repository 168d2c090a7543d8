using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Routing.Storage;

/// <summary>
/// <see cref="AuditHash.Compute"/> for bulk verification: the same bytes in the same order, with one reused SHA-256
/// instance, over spans read straight from SQLite, so a million records verify in seconds. Tests hold the two equal.
/// Not thread-safe: one per verification.
/// </summary>
internal sealed class AuditHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Writes the hash of the fields into <paramref name="destination"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> previous, long id, long eventSequence, long atMs, string callId, string kind, string actor, ReadOnlySpan<byte> record, Span<byte> destination)
    {
        var callBytes = Encoding.UTF8.GetBytes(callId);
        var kindBytes = Encoding.UTF8.GetBytes(kind);
        var actorBytes = Encoding.UTF8.GetBytes(actor);
        Compute(previous, id, eventSequence, atMs, callBytes, kindBytes, actorBytes, record, destination);
    }

    /// <summary>The same, with the text fields as the UTF-8 bytes SQLite stores (no decoding and re-encoding).</summary>
    public void Compute(ReadOnlySpan<byte> previous, long id, long eventSequence, long atMs, ReadOnlySpan<byte> callId, ReadOnlySpan<byte> kind, ReadOnlySpan<byte> actor, ReadOnlySpan<byte> record, Span<byte> destination)
    {
        _hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(number, id);
        _hash.AppendData(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, eventSequence);
        _hash.AppendData(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, atMs);
        _hash.AppendData(number);
        AppendText(callId, number);
        AppendText(kind, number);
        AppendText(actor, number);
        _hash.AppendData(record);
        _hash.GetHashAndReset(destination);
    }

    public void Dispose() => _hash.Dispose();

    private void AppendText(ReadOnlySpan<byte> utf8, Span<byte> number)
    {
        BinaryPrimitives.WriteInt64LittleEndian(number, utf8.Length);
        _hash.AppendData(number);
        _hash.AppendData(utf8);
    }
}
