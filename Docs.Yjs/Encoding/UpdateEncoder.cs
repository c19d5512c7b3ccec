namespace Docs.Yjs.Encoding;

/// <summary>Writes the fields of an update in the v1 format: everything through one lib0 writer.</summary>
internal sealed class UpdateEncoder
{
    public Lib0Writer Rest { get; } = new(256);

    public void WriteLeftId(Id id)
    {
        Rest.WriteVarUint(id.Client);
        Rest.WriteVarUint((ulong)id.Clock);
    }

    public void WriteRightId(Id id) => WriteLeftId(id);

    public void WriteClient(ulong client) => Rest.WriteVarUint(client);

    public void WriteInfo(byte info) => Rest.WriteByte(info);

    public void WriteString(string value) => Rest.WriteString(value);

    public void WriteParentInfo(bool isRootName) => Rest.WriteVarUint(isRootName ? 1UL : 0UL);

    public void WriteTypeRef(byte typeRef) => Rest.WriteVarUint(typeRef);

    public void WriteLength(long length) => Rest.WriteVarUint((ulong)length);

    public void WriteAny(object? value) => Rest.WriteAny(value);

    public void WriteBuffer(ReadOnlySpan<byte> bytes) => Rest.WriteVarBytes(bytes);

    /// <summary>JSON is written as its JSON.stringify text.</summary>
    public void WriteJson(string jsonText) => Rest.WriteString(jsonText);

    public void WriteKey(string key) => Rest.WriteString(key);

    public void WriteDeleteSetClock(long clock) => Rest.WriteVarUint((ulong)clock);

    public void WriteDeleteSetLength(long length) => Rest.WriteVarUint((ulong)length);

    public byte[] ToArray() => Rest.ToArray();
}
