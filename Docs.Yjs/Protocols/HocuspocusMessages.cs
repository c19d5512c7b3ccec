using Docs.Yjs.Encoding;

namespace Docs.Yjs.Protocols;

/// <summary>The message types of the Hocuspocus protocol.</summary>
public enum HocuspocusMessageType
{
    Sync = 0,
    Awareness = 1,
    Auth = 2,
    QueryAwareness = 3,
    SyncReply = 4,
    Stateless = 5,
    BroadcastStateless = 6,
    Close = 7,
    SyncStatus = 8,
    Ping = 9,
    Pong = 10,
}

/// <summary>The sub-messages of Auth.</summary>
public enum HocuspocusAuthType
{
    Token = 0,
    PermissionDenied = 1,
    Authenticated = 2,
}

/// <summary>
/// One Hocuspocus frame: <c>varstring(documentName) • varuint(type) • body</c>, or the bare one-byte
/// Ping (<c>09</c>) and Pong (<c>0A</c>) frames that carry no name.
/// </summary>
public sealed class HocuspocusFrame
{
    private readonly byte[] _data;
    private readonly int _bodyOffset;

    private HocuspocusFrame(string documentName, HocuspocusMessageType type, byte[] data, int bodyOffset)
    {
        DocumentName = documentName;
        Type = type;
        _data = data;
        _bodyOffset = bodyOffset;
    }

    /// <summary>The name as sent: with v4 session awareness, <c>document\0session</c>.</summary>
    public string DocumentName { get; }

    public HocuspocusMessageType Type { get; }

    /// <summary>A reader positioned at the body.</summary>
    public Lib0Reader Body => new(_data, _bodyOffset, _data.Length - _bodyOffset);

    public int BodyLength => _data.Length - _bodyOffset;

    /// <summary>Splits <c>document\0session</c> keys of v4 providers; plain names have no session.</summary>
    public (string Document, string? Session) SplitName()
    {
        var separator = DocumentName.IndexOf('\0', StringComparison.Ordinal);
        return separator < 0 ? (DocumentName, null) : (DocumentName[..separator], DocumentName[(separator + 1)..]);
    }

    public static HocuspocusFrame Read(byte[] data)
    {
        if (data.Length == 1 && data[0] is (byte)HocuspocusMessageType.Ping or (byte)HocuspocusMessageType.Pong)
        {
            return new HocuspocusFrame("", (HocuspocusMessageType)data[0], data, 1);
        }
        var reader = new Lib0Reader(data);
        var name = reader.ReadString();
        var type = reader.ReadVarUint();
        if (type > (ulong)HocuspocusMessageType.Pong)
        {
            throw new YjsDecodingException($"Unknown Hocuspocus message type {type}.");
        }
        return new HocuspocusFrame(name, (HocuspocusMessageType)type, data, reader.Position);
    }
}

/// <summary>Builds Hocuspocus frames.</summary>
public static class HocuspocusMessages
{
    public static byte[] Ping() => [(byte)HocuspocusMessageType.Ping];

    public static byte[] Pong() => [(byte)HocuspocusMessageType.Pong];

    public static byte[] Token(string documentName, string token, string? providerVersion = null) => Build(documentName, HocuspocusMessageType.Auth, writer =>
    {
        writer.WriteVarUint((ulong)HocuspocusAuthType.Token);
        writer.WriteString(token);
        if (providerVersion is not null)
        {
            writer.WriteString(providerVersion);
        }
    });

    public static byte[] Authenticated(string documentName, string scope) => Build(documentName, HocuspocusMessageType.Auth, writer =>
    {
        writer.WriteVarUint((ulong)HocuspocusAuthType.Authenticated);
        writer.WriteString(scope);
    });

    public static byte[] PermissionDenied(string documentName, string reason = "permission-denied") => Build(documentName, HocuspocusMessageType.Auth, writer =>
    {
        writer.WriteVarUint((ulong)HocuspocusAuthType.PermissionDenied);
        writer.WriteString(reason);
    });

    public static byte[] SyncStep1(string documentName, byte[] stateVector) =>
        Build(documentName, HocuspocusMessageType.Sync, writer => new SyncMessage(SyncMessageType.Step1, stateVector).Write(writer));

    public static byte[] SyncStep2(string documentName, byte[] update) =>
        Build(documentName, HocuspocusMessageType.Sync, writer => new SyncMessage(SyncMessageType.Step2, update).Write(writer));

    public static byte[] Update(string documentName, byte[] update) =>
        Build(documentName, HocuspocusMessageType.Sync, writer => new SyncMessage(SyncMessageType.Update, update).Write(writer));

    public static byte[] Awareness(string documentName, byte[] awarenessUpdate) =>
        Build(documentName, HocuspocusMessageType.Awareness, writer => writer.WriteVarBytes(awarenessUpdate));

    public static byte[] QueryAwareness(string documentName) => Build(documentName, HocuspocusMessageType.QueryAwareness, _ => { });

    /// <summary>1: the update was applied (acknowledged); 0: it was refused (read-only).</summary>
    public static byte[] SyncStatus(string documentName, bool applied) =>
        Build(documentName, HocuspocusMessageType.SyncStatus, writer => writer.WriteVarUint(applied ? 1UL : 0UL));

    public static byte[] Stateless(string documentName, string payload) =>
        Build(documentName, HocuspocusMessageType.Stateless, writer => writer.WriteString(payload));

    /// <summary>Between servers: a stateless message for every connection of the document.</summary>
    public static byte[] BroadcastStateless(string documentName, string payload) =>
        Build(documentName, HocuspocusMessageType.BroadcastStateless, writer => writer.WriteString(payload));

    /// <summary>Server to client: the document connection is closed, with a reason. Client to server: close it (no reason).</summary>
    public static byte[] Close(string documentName, string? reason = null) => Build(documentName, HocuspocusMessageType.Close, writer =>
    {
        if (reason is not null)
        {
            writer.WriteString(reason);
        }
    });

    private static byte[] Build(string documentName, HocuspocusMessageType type, Action<Lib0Writer> body)
    {
        var writer = new Lib0Writer(documentName.Length + 16);
        writer.WriteString(documentName);
        writer.WriteVarUint((ulong)type);
        body(writer);
        return writer.ToArray();
    }
}
