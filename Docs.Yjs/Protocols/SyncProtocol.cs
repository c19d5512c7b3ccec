using Docs.Yjs.Encoding;

namespace Docs.Yjs.Protocols;

/// <summary>y-protocols sync messages: step 1 (a state vector), step 2 (what it lacks), update.</summary>
public enum SyncMessageType
{
    Step1 = 0,
    Step2 = 1,
    Update = 2,
}

/// <summary>A decoded sync message: its type and its payload (a state vector or an update).</summary>
public readonly record struct SyncMessage(SyncMessageType Type, byte[] Payload)
{
    public static SyncMessage Read(Lib0Reader reader)
    {
        var type = reader.ReadVarUint();
        if (type > (ulong)SyncMessageType.Update)
        {
            throw new YjsDecodingException($"Unknown sync message type {type}.");
        }
        return new SyncMessage((SyncMessageType)type, reader.ReadVarBytes());
    }

    public void Write(Lib0Writer writer)
    {
        writer.WriteVarUint((ulong)Type);
        writer.WriteVarBytes(Payload);
    }
}

/// <summary>The sync protocol of y-protocols, over a document.</summary>
public static class SyncProtocol
{
    public static void WriteStep1(Lib0Writer writer, Doc doc) => new SyncMessage(SyncMessageType.Step1, doc.EncodeStateVector()).Write(writer);

    public static void WriteStep2(Lib0Writer writer, Doc doc, byte[]? stateVector) =>
        new SyncMessage(SyncMessageType.Step2, doc.EncodeStateAsUpdate(stateVector)).Write(writer);

    public static void WriteUpdate(Lib0Writer writer, byte[] update) => new SyncMessage(SyncMessageType.Update, update).Write(writer);

    /// <summary>
    /// Reads one sync message: answers step 1 with step 2 into <paramref name="reply"/>, applies step 2
    /// and updates with <paramref name="origin"/>. Returns what it read.
    /// </summary>
    public static SyncMessage ReadAndApply(Lib0Reader reader, Lib0Writer reply, Doc doc, object? origin)
    {
        var message = SyncMessage.Read(reader);
        switch (message.Type)
        {
            case SyncMessageType.Step1:
                WriteStep2(reply, doc, message.Payload);
                break;
            default:
                doc.ApplyUpdate(message.Payload, origin);
                break;
        }
        return message;
    }
}
