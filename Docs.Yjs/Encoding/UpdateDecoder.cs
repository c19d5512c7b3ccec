namespace Docs.Yjs.Encoding;

/// <summary>Reads the fields of a v1 update: everything in sequence from one lib0 reader.</summary>
internal class UpdateDecoder(Lib0Reader reader)
{
    /// <summary>Counts, clocks and inline values (in v2, what is not in a column).</summary>
    public Lib0Reader Rest { get; } = reader;

    /// <summary>How many client blocks follow; each takes at least three bytes in v1.</summary>
    public virtual int ReadClientCount() => Rest.ReadCount(minBytesEach: 3);

    /// <summary>How many structs a client block holds; each takes at least two bytes in v1.</summary>
    public virtual int ReadStructCount() => Rest.ReadCount(minBytesEach: 2);

    /// <summary>
    /// The number of values of an Any or JSON content. Any values are read from the rest (a byte each
    /// at least); JSON texts are strings, which v2 keeps in a column.
    /// </summary>
    public virtual int ReadValueCount(bool valuesAreStrings) => Rest.ReadCount(minBytesEach: 1);

    public virtual Id ReadLeftId() => new(Rest.ReadVarUint(), Rest.ReadVarUintAsLong());

    public virtual Id ReadRightId() => new(Rest.ReadVarUint(), Rest.ReadVarUintAsLong());

    public virtual ulong ReadClient() => Rest.ReadVarUint();

    public virtual byte ReadInfo() => Rest.ReadByte();

    public virtual string ReadString() => Rest.ReadString();

    public virtual bool ReadParentInfo() => Rest.ReadVarUint() == 1;

    public virtual ulong ReadTypeRef() => Rest.ReadVarUint();

    public virtual int ReadLength() => Rest.ReadVarUintAsInt();

    public object? ReadAny() => Rest.ReadAny();

    public byte[] ReadBuffer() => Rest.ReadVarBytes();

    /// <summary>The JSON text of an embed, format value or legacy JSON value.</summary>
    public virtual string ReadJson() => Rest.ReadString();

    public virtual string ReadKey() => Rest.ReadString();

    public virtual void ResetDeleteSetValue()
    {
    }

    public virtual long ReadDeleteSetClock() => Rest.ReadVarUintAsLong();

    public virtual long ReadDeleteSetLength() => Rest.ReadVarUintAsLong();

    /// <summary>A decoder for <paramref name="update"/> in the given format.</summary>
    public static UpdateDecoder For(byte[] update, bool v2) => v2 ? UpdateDecoderV2.Create(update) : new UpdateDecoder(new Lib0Reader(update));
}
