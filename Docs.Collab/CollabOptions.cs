namespace Docs.Collab;

/// <summary>Limits and timings of the collaboration server (section <c>Collaboration</c>).</summary>
public sealed class CollabOptions
{
    public const string SectionName = "Collaboration";

    /// <summary>The secret shared with Docs.Api: signs tickets, guards the admin API.</summary>
    public string ServerSecret { get; set; } = "";

    /// <summary>Browser origins allowed to open sockets; empty allows any (non-browser clients send none).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public int MaxMessageBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>A document's state (snapshot plus log) may not grow past this.</summary>
    public long MaxDocumentBytes { get; set; } = 32L * 1024 * 1024;

    public int MaxDocumentsPerConnection { get; set; } = 100;

    public int MaxConnectionsPerDocument { get; set; } = 500;

    /// <summary>Connections of one person (a user; for anonymous readers, an address) within a document.</summary>
    public int MaxConnectionsPerPerson { get; set; } = 50;

    public int NewConnectionsPerAddressPerMinute { get; set; } = 300;

    /// <summary>
    /// Proxies (addresses, or networks as CIDR) whose <c>X-Forwarded-For</c> names the client; empty: loopback only.
    /// See <see cref="Connections.ForwardedClients"/>.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Frames waiting for a document's authentication, per socket.</summary>
    public int MaxPendingFrames { get; set; } = 1000;

    public int MaxPendingBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Frames waiting to be sent to one slow client (queued, or being written) before it is cut off with 4205.</summary>
    public int MaxSendQueue { get; set; } = 4096;

    /// <summary>Bytes waiting to be sent to one slow client before it is cut off with 4205 (a single frame always fits).</summary>
    public long MaxSendQueueBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Bytes a second one socket may send, with <see cref="SocketBurstBytes"/> saved for bursts. Past it, the socket's
    /// next message is read only once the budget has refilled: nothing is dropped, the client's TCP window fills and it
    /// slows down. Zero: unlimited.
    /// </summary>
    public long SocketBytesPerSecond { get; set; } = 2L * 1024 * 1024;

    public long SocketBurstBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Update bytes a second one document accepts from all its writers together (the same back-pressure on each writer's
    /// socket): a flooded document cannot take the log's and the server's time from the others. Zero: unlimited.
    /// </summary>
    public long DocumentBytesPerSecond { get; set; } = 8L * 1024 * 1024;

    public long DocumentBurstBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Awareness messages a second one socket may send; past it (and <see cref="AwarenessBurst"/>) they are dropped: cursors are ephemeral.</summary>
    public double AwarenessPerSecond { get; set; } = 50;

    public double AwarenessBurst { get; set; } = 200;

    /// <summary>A socket with no authenticated document after this, or silent for this long, is closed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A socket that was sent nothing for this long gets an empty pong, so proxies keep it open.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Write WebSocket frames straight to the TCP socket where it carries them as they are (HTTP/1.1 without
    /// TLS, see <see cref="Connections.DirectFrameWriter.For"/>). False sends every frame through ASP.NET
    /// Core's WebSocket: more CPU per frame, for a server whose connection middleware transforms the stream.
    /// </summary>
    public bool DirectWrites { get; set; } = true;

    /// <summary>A document without connections stays loaded this long, then is compacted and unloaded.</summary>
    public TimeSpan UnloadAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a commit waits for more updates to share its transaction. Zero (the default): none; the
    /// updates that arrive while a commit is in flight share the next one, so batches grow with the load.
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.Zero;

    /// <summary>How often documents' "updated" times are moved to their last edit (see <see cref="Persistence.EditTimes"/>).</summary>
    public TimeSpan EditTimesInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The log of a loaded document is folded into its snapshot once it has this many entries.</summary>
    public int CompactAfterUpdates { get; set; } = 1000;

    /// <summary>
    /// While a document is edited, its log is folded at least this often, and each fold keeps a version
    /// snapshot unless one was kept within this interval: the version history has at most one entry per interval of editing.
    /// </summary>
    public TimeSpan VersionInterval { get; set; } = TimeSpan.FromMinutes(10);
}
