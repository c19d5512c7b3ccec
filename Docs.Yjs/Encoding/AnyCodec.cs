using System.Collections;
using System.Numerics;

namespace Docs.Yjs.Encoding;

/// <summary>
/// lib0's Any format. Values are plain .NET objects: null, <see cref="YUndefined"/>, bool, numbers
/// (any numeric type; read back as long when integral, else double), string, byte[],
/// <see cref="BigInteger"/>, lists and ordered string-keyed dictionaries.
/// </summary>
public static class AnyCodec
{
    /// <summary>How deeply arrays and objects may nest in decoded input.</summary>
    public const int MaxDepth = 100;

    private const byte Undefined = 127, Null = 126, Integer = 125, Float32 = 124, Float64 = 123, BigInt = 122,
        False = 121, True = 120, String = 119, Object = 118, Array = 117, Bytes = 116;

    public static void Write(Lib0Writer writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteByte(Null);
                break;
            case YUndefined:
                writer.WriteByte(Undefined);
                break;
            case bool b:
                writer.WriteByte(b ? True : False);
                break;
            case string s:
                writer.WriteByte(String);
                writer.WriteString(s);
                break;
            case byte[] bytes:
                writer.WriteByte(Bytes);
                writer.WriteVarBytes(bytes);
                break;
            case BigInteger big:
                writer.WriteByte(BigInt);
                writer.WriteBigInt64((long)big);
                break;
            case IDictionary<string, object?> map:
                WriteObject(writer, map.Count, map);
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteObject(writer, map.Count, map);
                break;
            case IList list:
                writer.WriteByte(Array);
                writer.WriteVarUint((ulong)list.Count);
                foreach (var item in list)
                {
                    Write(writer, item);
                }
                break;
            default:
                if (JsNumber.TryGet(value, out var number))
                {
                    WriteNumber(writer, number);
                    break;
                }
                throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored in a Yjs document.", nameof(value));
        }
    }

    private static void WriteObject(Lib0Writer writer, int count, IEnumerable<KeyValuePair<string, object?>> entries)
    {
        writer.WriteByte(Object);
        writer.WriteVarUint((ulong)count);
        foreach (var (key, item) in entries)
        {
            writer.WriteString(key);
            Write(writer, item);
        }
    }

    /// <summary>lib0's rule: small integers as var ints, then float32 when exact, else float64.</summary>
    private static void WriteNumber(Lib0Writer writer, double number)
    {
        if (double.IsNaN(number))
        {
            // JavaScript has one NaN, the positive quiet one; .NET's constant has the sign bit set.
            number = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        }
        if (double.IsInteger(number) && Math.Abs(number) <= int.MaxValue)
        {
            writer.WriteByte(Integer);
            writer.WriteVarInt((long)number, negativeZero: double.IsNegative(number));
        }
        else if ((double)(float)number == number)
        {
            writer.WriteByte(Float32);
            writer.WriteFloat32((float)number);
        }
        else
        {
            writer.WriteByte(Float64);
            writer.WriteFloat64(number);
        }
    }

    public static object? Read(Lib0Reader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new YjsDecodingException($"Values nest deeper than {MaxDepth} levels.");
        }
        var tag = reader.ReadByte();
        switch (tag)
        {
            case Undefined:
                return YUndefined.Value;
            case Null:
                return null;
            case Integer:
                var integer = reader.ReadVarInt(out var negativeZero);
                return negativeZero ? -0.0 : (object)integer;
            case Float32:
                return (double)reader.ReadFloat32();
            case Float64:
                return reader.ReadFloat64();
            case BigInt:
                return new BigInteger(reader.ReadBigInt64());
            case False:
                return false;
            case True:
                return true;
            case String:
                return reader.ReadString();
            case Object:
            {
                // Each entry takes at least two bytes (an empty key and a one-byte value).
                var count = reader.ReadCount(minBytesEach: 2);
                var map = new OrderedDictionary<string, object?>(count);
                for (var i = 0; i < count; i++)
                {
                    var key = reader.ReadString();
                    map[key] = Read(reader, depth + 1);
                }
                return map;
            }
            case Array:
            {
                var count = reader.ReadCount(minBytesEach: 1);
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(Read(reader, depth + 1));
                }
                return list;
            }
            case Bytes:
                return reader.ReadVarBytes();
            default:
                throw new YjsDecodingException($"Unknown Any tag {tag}.");
        }
    }
}
