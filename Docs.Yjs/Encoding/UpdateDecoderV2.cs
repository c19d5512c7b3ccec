namespace Docs.Yjs.Encoding;

/// <summary>
/// Reads the v2 update format (yjs's <c>encodeStateAsUpdateV2</c>): the fields live in nine run-length
/// encoded columns ahead of the rest; values of embeds and formats are Any values, not JSON text.
/// </summary>
internal sealed class UpdateDecoderV2 : UpdateDecoder
{
    private readonly IntDiffOptRleReader _keyClocks;
    private readonly UintOptRleReader _clients;
    private readonly IntDiffOptRleReader _leftClocks;
    private readonly IntDiffOptRleReader _rightClocks;
    private readonly RleByteReader _infos;
    private readonly StringColumnReader _strings;
    private readonly RleByteReader _parentInfos;
    private readonly UintOptRleReader _typeRefs;
    private readonly UintOptRleReader _lengths;
    private readonly List<string> _keys = [];
    private long _deleteSetValue;
    private long _structBudget;

    private UpdateDecoderV2(Lib0Reader header) : base(header)
    {
        // Run-length columns let a few bytes stand for many structs; allow a generous but finite number.
        _structBudget = 1024 + 64L * header.Remaining;
        header.ReadVarUint(); // feature flags, unused
        _keyClocks = new IntDiffOptRleReader(Column(header));
        _clients = new UintOptRleReader(Column(header));
        _leftClocks = new IntDiffOptRleReader(Column(header));
        _rightClocks = new IntDiffOptRleReader(Column(header));
        _infos = new RleByteReader(Column(header));
        _strings = new StringColumnReader(Column(header));
        _parentInfos = new RleByteReader(Column(header));
        _typeRefs = new UintOptRleReader(Column(header));
        _lengths = new UintOptRleReader(Column(header));
    }

    public static UpdateDecoderV2 Create(byte[] update) => new(new Lib0Reader(update));

    private static Lib0Reader Column(Lib0Reader reader)
    {
        var bytes = reader.ReadVarBytesMemory();
        return new Lib0Reader(bytes.ToArray());
    }

    public override int ReadClientCount() => Rest.ReadCount(minBytesEach: 2);

    public override int ReadStructCount()
    {
        var count = Rest.ReadVarUintAsInt();
        _structBudget -= count;
        return _structBudget >= 0 ? count : throw new YjsDecodingException("More structs than a v2 update of this size can reasonably hold.");
    }

    public override int ReadValueCount(bool valuesAreStrings)
    {
        var count = ReadLength();
        if (!valuesAreStrings)
        {
            return count <= Rest.Remaining ? count : throw new YjsDecodingException($"Count {count} exceeds what the remaining {Rest.Remaining} bytes can hold.");
        }
        _structBudget -= count;
        return _structBudget >= 0 ? count : throw new YjsDecodingException("More values than a v2 update of this size can reasonably hold.");
    }

    public override Id ReadLeftId() => new(_clients.Read(), NonNegative(_leftClocks.Read()));

    public override Id ReadRightId() => new(_clients.Read(), NonNegative(_rightClocks.Read()));

    public override ulong ReadClient() => _clients.Read();

    public override byte ReadInfo() => _infos.Read();

    public override string ReadString() => _strings.Read();

    public override bool ReadParentInfo() => _parentInfos.Read() == 1;

    public override ulong ReadTypeRef() => _typeRefs.Read();

    public override int ReadLength()
    {
        var length = _lengths.Read();
        return length <= int.MaxValue ? (int)length : throw new YjsDecodingException($"Length {length} is out of range.");
    }

    public override string ReadJson() => JsJson.Stringify(ReadAny());

    public override string ReadKey()
    {
        var keyClock = _keyClocks.Read();
        if (keyClock >= 0 && keyClock < _keys.Count)
        {
            return _keys[(int)keyClock];
        }
        var key = _strings.Read();
        _keys.Add(key);
        return key;
    }

    public override void ResetDeleteSetValue() => _deleteSetValue = 0;

    public override long ReadDeleteSetClock()
    {
        _deleteSetValue += Rest.ReadVarUintAsLong();
        return NonNegative(_deleteSetValue);
    }

    public override long ReadDeleteSetLength()
    {
        var length = Rest.ReadVarUintAsLong() + 1;
        _deleteSetValue += length;
        return length;
    }

    private static long NonNegative(long value) =>
        value is >= 0 and <= (long)Lib0Reader.MaxSafeInteger ? value : throw new YjsDecodingException($"Clock {value} is out of range.");

    /// <summary>lib0 RleDecoder over bytes: a value, then how many more times it repeats; the last one repeats forever.</summary>
    private sealed class RleByteReader(Lib0Reader reader)
    {
        private byte _value;
        private long _count;

        public byte Read()
        {
            if (_count == 0)
            {
                _value = reader.ReadByte();
                _count = reader.HasContent ? reader.ReadVarUintAsLong() + 1 : -1;
            }
            _count--;
            return _value;
        }
    }

    /// <summary>lib0 UintOptRleDecoder: a negative var int announces a run and its count.</summary>
    private sealed class UintOptRleReader(Lib0Reader reader)
    {
        private ulong _value;
        private long _count;

        public ulong Read()
        {
            if (_count == 0)
            {
                var value = reader.ReadVarInt(out var negativeZero);
                _count = 1;
                if (value < 0 || negativeZero)
                {
                    value = -value;
                    _count = reader.ReadVarUintAsLong() + 2;
                }
                _value = (ulong)value;
            }
            _count--;
            return _value;
        }
    }

    /// <summary>lib0 IntDiffOptRleDecoder: differences, the low bit saying whether a run count follows.</summary>
    private sealed class IntDiffOptRleReader(Lib0Reader reader)
    {
        private long _value;
        private long _diff;
        private long _count;

        public long Read()
        {
            if (_count == 0)
            {
                var diff = reader.ReadVarInt();
                var hasCount = (diff & 1) != 0;
                _diff = diff >> 1;
                _count = hasCount ? reader.ReadVarUintAsLong() + 2 : 1;
            }
            _value += _diff;
            _count--;
            return _value;
        }
    }

    /// <summary>lib0 StringDecoder: one long string, cut by UTF-16 lengths from a UintOptRle column.</summary>
    private sealed class StringColumnReader
    {
        private readonly UintOptRleReader _lengths;
        private readonly string _text;
        private int _position;

        public StringColumnReader(Lib0Reader reader)
        {
            _lengths = new UintOptRleReader(reader);
            // The concatenated text comes first in the column, before the lengths.
            _text = reader.HasContent ? reader.ReadString() : "";
        }

        public string Read()
        {
            var length = _lengths.Read();
            if (length > (ulong)(_text.Length - _position))
            {
                throw new YjsDecodingException("A string runs past the end of the string column.");
            }
            var value = _text.Substring(_position, (int)length);
            _position += (int)length;
            return value;
        }
    }
}
