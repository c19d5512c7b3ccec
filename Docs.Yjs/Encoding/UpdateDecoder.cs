namespace Docs.Yjs.Encoding;

/// <summary>Reads the fields of a v1 update.</summary>
internal sealed class UpdateDecoder(Lib0Reader reader)
{
    public Lib0Reader Rest { get; } = reader;

    public Id ReadLeftId() => new(Rest.ReadVarUint(), Rest.ReadVarUintAsLong());

    public Id ReadRightId() => ReadLeftId();

    public ulong ReadClient() => Rest.ReadVarUint();

    public byte ReadInfo() => Rest.ReadByte();

    public string ReadString() => Rest.ReadString();

    public bool ReadParentInfo() => Rest.ReadVarUint() == 1;

    public ulong ReadTypeRef() => Rest.ReadVarUint();

    public int ReadLength() => Rest.ReadVarUintAsInt();

    public object? ReadAny() => Rest.ReadAny();

    public byte[] ReadBuffer() => Rest.ReadVarBytes();

    public string ReadJson() => Rest.ReadString();

    public string ReadKey() => Rest.ReadString();

    public long ReadDeleteSetClock() => Rest.ReadVarUintAsLong();

    public long ReadDeleteSetLength() => Rest.ReadVarUintAsLong();
}
