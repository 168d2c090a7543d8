using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Routing.Storage;

/// <summary>
/// The hash chain over audit records: each record's hash covers its own fields and the previous record's hash, so
/// editing, deleting or reordering any record breaks every link after it and the verifier names the first one.
/// </summary>
internal static class AuditHash
{
    public const int Size = 32;

    public static readonly byte[] Genesis = new byte[Size];

    public static byte[] Compute(ReadOnlySpan<byte> previous, long id, long eventSequence, long atMs, string callId, string kind, string actor, ReadOnlySpan<byte> record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previous);
        Span<byte> number = stackalloc byte[8];
        foreach (var n in (ReadOnlySpan<long>)[id, eventSequence, atMs])
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, n);
            hash.AppendData(number);
        }

        foreach (var text in (ReadOnlySpan<string>)[callId, kind, actor])
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt64LittleEndian(number, bytes.Length);
            hash.AppendData(number);
            hash.AppendData(bytes);
        }

        hash.AppendData(record);
        return hash.GetHashAndReset();
    }
}
