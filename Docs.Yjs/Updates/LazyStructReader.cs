using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Updates;

/// <summary>
/// The structs of an update in wire order, with nothing resolved: parents stay root names or ids.
/// Everything is decoded up front, so a malformed update fails before any output is produced.
/// </summary>
internal sealed class LazyStructReader
{
    private readonly List<StructBase> _structs;
    private readonly bool _filterSkips;
    private int _next;

    public LazyStructReader(UpdateDecoder decoder, bool filterSkips)
    {
        _filterSkips = filterSkips;
        _structs = ReadAll(decoder);
        Next();
    }

    public StructBase? Current { get; private set; }

    public int Index { get; init; }

    public StructBase? Next()
    {
        do
        {
            Current = _next < _structs.Count ? _structs[_next++] : null;
        }
        while (_filterSkips && Current is SkipStruct);
        return Current;
    }

    private static List<StructBase> ReadAll(UpdateDecoder decoder)
    {
        var structs = new List<StructBase>();
        var clientCount = decoder.Rest.ReadCount(minBytesEach: 3);
        for (var c = 0; c < clientCount; c++)
        {
            var structCount = decoder.Rest.ReadCount(minBytesEach: 2);
            var client = decoder.ReadClient();
            var clock = decoder.Rest.ReadVarUintAsLong();
            for (var s = 0; s < structCount; s++)
            {
                var info = decoder.ReadInfo();
                StructBase read;
                if (info == SkipStruct.StructRef)
                {
                    read = new SkipStruct(new Id(client, clock), decoder.Rest.ReadVarUintAsInt());
                }
                else if ((info & 0x1F) != 0)
                {
                    read = UpdateReader.ReadItem(decoder, info, new Id(client, clock), static name => name);
                }
                else
                {
                    read = new GcStruct(new Id(client, clock), decoder.ReadLength());
                }
                if (read.Length <= 0)
                {
                    throw new YjsDecodingException($"A struct of client {client} at clock {clock} has no length.");
                }
                structs.Add(read);
                clock += read.Length;
                if (clock > (long)Lib0Reader.MaxSafeInteger)
                {
                    throw new YjsDecodingException("Clocks beyond 2^53.");
                }
            }
        }
        return structs;
    }
}
