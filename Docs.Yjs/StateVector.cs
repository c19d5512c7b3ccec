using Docs.Yjs.Encoding;

namespace Docs.Yjs;

/// <summary>State vectors (client → next expected clock) in their wire form, clients descending.</summary>
public static class StateVector
{
    public static byte[] Encode(IReadOnlyDictionary<ulong, long> vector)
    {
        var writer = new Lib0Writer(1 + vector.Count * 8);
        Write(writer, vector);
        return writer.ToArray();
    }

    internal static void Write(Lib0Writer writer, IReadOnlyDictionary<ulong, long> vector)
    {
        writer.WriteVarUint((ulong)vector.Count);
        foreach (var client in vector.Keys.OrderDescending())
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)vector[client]);
        }
    }

    /// <summary>Decodes a state vector; for a client given twice, the last entry wins.</summary>
    public static Dictionary<ulong, long> Decode(byte[] encoded)
    {
        var reader = new Lib0Reader(encoded);
        return Read(reader);
    }

    internal static Dictionary<ulong, long> Read(Lib0Reader reader)
    {
        var count = reader.ReadCount(minBytesEach: 2);
        var vector = new Dictionary<ulong, long>(count);
        for (var i = 0; i < count; i++)
        {
            var client = reader.ReadVarUint();
            vector[client] = reader.ReadVarUintAsLong();
        }
        return vector;
    }
}
