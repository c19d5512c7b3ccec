using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Updates;

/// <summary>
/// The structs of an update in wire order, read one at a time, with nothing resolved: parents stay root
/// names or ids. Once it is exhausted the decoder stands at the delete set.
/// </summary>
internal sealed class LazyStructReader
{
    private readonly UpdateDecoder _decoder;
    private readonly bool _filterSkips;
    private int _clientsLeft;
    private int _structsLeft;
    private ulong _client;
    private long _clock;

    public LazyStructReader(UpdateDecoder decoder, bool filterSkips)
    {
        _decoder = decoder;
        _filterSkips = filterSkips;
        _clientsLeft = decoder.ReadClientCount();
        Next();
    }

    public StructBase? Current { get; private set; }

    public int Index { get; init; }

    public StructBase? Next()
    {
        do
        {
            Current = ReadOne();
        }
        while (_filterSkips && Current is SkipStruct);
        return Current;
    }

    /// <summary>Reads whatever structs remain, so that the decoder reaches the delete set.</summary>
    public void SkipToEnd()
    {
        while (Current is not null)
        {
            Next();
        }
    }

    private StructBase? ReadOne()
    {
        while (_structsLeft == 0)
        {
            if (_clientsLeft == 0)
            {
                return null;
            }
            _clientsLeft--;
            _structsLeft = _decoder.ReadStructCount();
            _client = _decoder.ReadClient();
            _clock = _decoder.Rest.ReadVarUintAsLong();
        }
        _structsLeft--;
        var info = _decoder.ReadInfo();
        StructBase read;
        if (info == SkipStruct.StructRef)
        {
            read = new SkipStruct(new Id(_client, _clock), _decoder.Rest.ReadVarUintAsInt());
        }
        else if ((info & 0x1F) != 0)
        {
            read = UpdateReader.ReadItem(_decoder, info, new Id(_client, _clock), static name => name);
        }
        else
        {
            read = new GcStruct(new Id(_client, _clock), _decoder.ReadLength());
        }
        if (read.Length <= 0)
        {
            throw new YjsDecodingException($"A struct of client {_client} at clock {_clock} has no length.");
        }
        _clock += read.Length;
        if (_clock > (long)Lib0Reader.MaxSafeInteger)
        {
            throw new YjsDecodingException("Clocks beyond 2^53.");
        }
        return read;
    }
}
