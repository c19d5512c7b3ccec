using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Updates;

/// <summary>Writes structs one by one, starting a new client block whenever the client changes.</summary>
internal sealed class LazyStructWriter
{
    private readonly List<(int Written, byte[] Bytes)> _blocks = [];
    private UpdateEncoder _encoder = new();
    private ulong _client;
    private int _written;

    public void Write(StructBase s, int offset)
    {
        if (_written > 0 && _client != s.Id.Client)
        {
            Flush();
        }
        if (_written == 0)
        {
            _client = s.Id.Client;
            _encoder.WriteClient(s.Id.Client);
            _encoder.Rest.WriteVarUint((ulong)(s.Id.Clock + offset));
        }
        s.Write(_encoder, offset);
        _written++;
    }

    private void Flush()
    {
        if (_written > 0)
        {
            _blocks.Add((_written, _encoder.ToArray()));
            _encoder = new UpdateEncoder();
            _written = 0;
        }
    }

    /// <summary>Writes the struct section into <paramref name="target"/>.</summary>
    public void Finish(UpdateEncoder target)
    {
        Flush();
        target.Rest.WriteVarUint((ulong)_blocks.Count);
        foreach (var (written, bytes) in _blocks)
        {
            target.Rest.WriteVarUint((ulong)written);
            target.Rest.WriteBytes(bytes);
        }
    }
}
