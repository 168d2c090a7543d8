using System.Text;

namespace Routing.Storage;

/// <summary>
/// A reusable buffer for a string's UTF-8 bytes, valid until the next <see cref="Encode"/>. The append path encodes
/// call ids and actors once per event; allocating a fresh array each time was garbage on the hottest path.
/// </summary>
internal sealed class Utf8Scratch
{
    private byte[] _buffer = new byte[128];

    public ReadOnlySpan<byte> Encode(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length)
        {
            _buffer = new byte[Math.Max(most, _buffer.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(text, _buffer);
        return _buffer.AsSpan(0, written);
    }
}
