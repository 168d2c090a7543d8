namespace Routing.Storage.Tests;

/// <summary>The bulk verifier's hasher must produce exactly the journal's hash, or every chain would "break".</summary>
public sealed class AuditHasherTests
{
    [Theory]
    [InlineData(1L, 1L, 0L, "c1", "CallArrived", "gateway", "{}")]
    [InlineData(long.MaxValue, 42L, 1_796_025_600_000L, "call-é-ünïcode-\U0001F600", "CallAccepted", "agent:nurse-7", """{"$type":"CallAccepted","x":"ü"}""")]
    [InlineData(7L, 9L, -5L, "", "", "", "")]
    public void The_bulk_hasher_computes_the_journals_hash(long id, long sequence, long atMs, string callId, string kind, string actor, string record)
    {
        var previous = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var bytes = System.Text.Encoding.UTF8.GetBytes(record);
        var longText = new string('x', 1000);
        using var hasher = new AuditHasher();
        Span<byte> actual = stackalloc byte[32];

        for (var round = 0; round < 2; round++)
        {
            hasher.Compute(previous, id, sequence, atMs, callId, kind, actor, bytes, actual);
            Assert.Equal(AuditHash.Compute(previous, id, sequence, atMs, callId, kind, actor, bytes), actual.ToArray());
        }

        hasher.Compute(previous, id, sequence, atMs, longText, kind, actor, bytes, actual);
        Assert.Equal(AuditHash.Compute(previous, id, sequence, atMs, longText, kind, actor, bytes), actual.ToArray());
    }
}
