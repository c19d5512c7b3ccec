namespace Docs.Collab;

/// <summary>WebSocket close codes, those of @hocuspocus/common where one exists (documented in the README).</summary>
public static class CloseCodes
{
    /// <summary>A frame larger than <see cref="CollabOptions.MaxMessageBytes"/>.</summary>
    public const int MessageTooBig = 1009;

    /// <summary>Too much queued before authentication, or a client too slow to read what it is sent.</summary>
    public const int ResetConnection = 4205;

    /// <summary>An undecodable frame, or a missing/invalid ticket on the y-websocket endpoint.</summary>
    public const int Unauthorized = 4401;

    /// <summary>A browser origin that is not allowed.</summary>
    public const int Forbidden = 4403;

    /// <summary>No document authenticated in time, or nothing received for too long.</summary>
    public const int ConnectionTimeout = 4408;

    /// <summary>Too many new connections from one address.</summary>
    public const int TooManyConnections = 4429;

    /// <summary>The server is shutting down: reconnect elsewhere.</summary>
    public const int GoingAway = 1001;
}
