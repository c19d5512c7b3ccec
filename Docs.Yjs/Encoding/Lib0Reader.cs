using System.Buffers.Binary;
using System.Text;

namespace Docs.Yjs.Encoding;

/// <summary>
/// lib0's decoder over a byte array. Every failure is a <see cref="YjsDecodingException"/>; lengths are
/// checked against the remaining input before anything is allocated.
/// </summary>
public sealed class Lib0Reader
{
    /// <summary>The largest integer JavaScript represents exactly; lib0 refuses more.</summary>
    public const ulong MaxSafeInteger = (1UL << 53) - 1;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly byte[] _data;
    private readonly int _end;
    private int _position;

    public Lib0Reader(byte[] data) : this(data, 0, data.Length)
    {
    }

    public Lib0Reader(byte[] data, int offset, int count)
    {
        _data = data;
        _position = offset;
        _end = offset + count;
    }

    public int Position => _position;

    public int Remaining => _end - _position;

    public bool HasContent => _position < _end;

    public byte ReadByte()
    {
        if (_position >= _end)
        {
            throw new YjsDecodingException("Unexpected end of data.");
        }
        return _data[_position++];
    }

    public ulong ReadVarUint()
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
            shift += 7;
            if (shift > 49)
            {
                throw new YjsDecodingException("Variable-length integer longer than 8 bytes.");
            }
        }
        if (value > MaxSafeInteger)
        {
            throw new YjsDecodingException("Integer out of range (above 2^53 - 1).");
        }
        return value;
    }

    /// <summary>A var uint that must fit an <see cref="int"/> (lengths, counts).</summary>
    public int ReadVarUintAsInt()
    {
        var value = ReadVarUint();
        return value <= int.MaxValue ? (int)value : throw new YjsDecodingException($"Length {value} is out of range.");
    }

    /// <summary>A var uint used as a count of things that each take at least <paramref name="minBytesEach"/> input bytes.</summary>
    public int ReadCount(int minBytesEach = 1)
    {
        var count = ReadVarUintAsInt();
        if (minBytesEach > 0 && count > Remaining / minBytesEach)
        {
            throw new YjsDecodingException($"Count {count} exceeds what the remaining {Remaining} bytes can hold.");
        }
        return count;
    }

    public long ReadVarUintAsLong() => (long)ReadVarUint();

    /// <summary>Returns the value and whether it was the negative zero that lib0 can encode.</summary>
    public long ReadVarInt(out bool negativeZero)
    {
        var first = ReadByte();
        ulong magnitude = (ulong)(first & 0x3F);
        var negative = (first & 0x40) != 0;
        var shift = 6;
        var b = first;
        while ((b & 0x80) != 0)
        {
            b = ReadByte();
            magnitude |= (ulong)(b & 0x7F) << shift;
            shift += 7;
            if (shift > 55)
            {
                throw new YjsDecodingException("Variable-length integer longer than 8 bytes.");
            }
        }
        if (magnitude > MaxSafeInteger)
        {
            throw new YjsDecodingException("Integer out of range (above 2^53 - 1).");
        }
        negativeZero = negative && magnitude == 0;
        return negative ? -(long)magnitude : (long)magnitude;
    }

    public long ReadVarInt() => ReadVarInt(out _);

    public ReadOnlySpan<byte> ReadSpan(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new YjsDecodingException($"Length {count} exceeds the remaining {Remaining} bytes.");
        }
        var span = _data.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public byte[] ReadVarBytes() => ReadSpan(ReadVarUintAsInt()).ToArray();

    /// <summary>A length-prefixed byte range, not copied.</summary>
    public ReadOnlyMemory<byte> ReadVarBytesMemory()
    {
        var count = ReadVarUintAsInt();
        var start = _position;
        ReadSpan(count);
        return _data.AsMemory(start, count);
    }

    /// <summary>UTF-8; invalid sequences become U+FFFD, as TextDecoder does.</summary>
    public string ReadString() => Utf8.GetString(ReadSpan(ReadVarUintAsInt()));

    public float ReadFloat32() => BinaryPrimitives.ReadSingleBigEndian(ReadSpan(4));

    public double ReadFloat64() => BinaryPrimitives.ReadDoubleBigEndian(ReadSpan(8));

    public long ReadBigInt64() => BinaryPrimitives.ReadInt64BigEndian(ReadSpan(8));

    public object? ReadAny() => AnyCodec.Read(this, 0);
}
