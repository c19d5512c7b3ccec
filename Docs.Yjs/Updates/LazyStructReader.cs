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

    private static readonly Func<string, object> RootName = static name => name;

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
        var read = UpdateReader.ReadStruct(_decoder, _client, ref _clock, RootName, exactSkipInfo: true);
        return read;
    }
}
