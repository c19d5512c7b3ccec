using System.Buffers.Binary;
using System.Text;

namespace Docs.Yjs.Encoding;

/// <summary>
/// lib0's encoder: unsigned and signed variable-length integers, length-prefixed strings and buffers,
/// big-endian floats, and the Any format.
/// </summary>
public sealed class Lib0Writer
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private byte[] _buffer;
    private int _length;

    public Lib0Writer(int capacity = 64) => _buffer = new byte[Math.Max(capacity, 16)];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteVarUint(ulong value)
    {
        Ensure(10);
        while (value > 0x7F)
        {
            _buffer[_length++] = (byte)(0x80 | (value & 0x7F));
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    public void WriteVarUint(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        WriteVarUint((ulong)value);
    }

    /// <summary>Sign and magnitude: the first byte holds a continuation bit, the sign and 6 bits.</summary>
    public void WriteVarInt(long value, bool negativeZero = false)
    {
        var negative = value < 0 || (value == 0 && negativeZero);
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        Ensure(11);
        _buffer[_length++] = (byte)((magnitude > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (byte)(magnitude & 0x3F));
        magnitude >>= 6;
        while (magnitude > 0)
        {
            _buffer[_length++] = (byte)((magnitude > 0x7F ? 0x80 : 0) | (byte)(magnitude & 0x7F));
            magnitude >>= 7;
        }
    }

    /// <summary>UTF-8 with a length prefix; lone surrogates become U+FFFD, as TextEncoder does.</summary>
    public void WriteString(string value)
    {
        var count = Utf8.GetByteCount(value);
        WriteVarUint((ulong)count);
        Ensure(count);
        _length += Utf8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarUint((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteFloat32(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleBigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteFloat64(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteBigInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a value in lib0's Any format, choosing number encodings exactly as lib0 does.</summary>
    public void WriteAny(object? value) => AnyCodec.Write(this, value);
}
