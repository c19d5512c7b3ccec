using Docs.Yjs.Encoding;

namespace Docs.Yjs.Protocols;

/// <summary>The outer message types of y-websocket frames (the document is named by the URL).</summary>
public enum YWebsocketMessageType
{
    Sync = 0,
    Awareness = 1,
    Auth = 2,
    QueryAwareness = 3,
}

/// <summary>Builds y-websocket frames: <c>varuint(type) • payload</c>.</summary>
public static class YWebsocketMessages
{
    public static byte[] SyncStep1(Doc doc) => Sync(writer => SyncProtocol.WriteStep1(writer, doc));

    public static byte[] SyncStep2(byte[] update) => Sync(writer => new SyncMessage(SyncMessageType.Step2, update).Write(writer));

    public static byte[] Update(byte[] update) => Sync(writer => SyncProtocol.WriteUpdate(writer, update));

    public static byte[] Awareness(byte[] awarenessUpdate)
    {
        var writer = new Lib0Writer(awarenessUpdate.Length + 8);
        writer.WriteVarUint((ulong)YWebsocketMessageType.Awareness);
        writer.WriteVarBytes(awarenessUpdate);
        return writer.ToArray();
    }

    public static byte[] PermissionDenied(string reason)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)YWebsocketMessageType.Auth);
        writer.WriteVarUint(0UL);
        writer.WriteString(reason);
        return writer.ToArray();
    }

    public static byte[] QueryAwareness() => [(byte)YWebsocketMessageType.QueryAwareness];

    private static byte[] Sync(Action<Lib0Writer> body)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)YWebsocketMessageType.Sync);
        body(writer);
        return writer.ToArray();
    }
}
