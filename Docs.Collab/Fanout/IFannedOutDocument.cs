namespace Docs.Collab.Fanout;

/// <summary>A loaded document as the fan-out sees it: what other instances send, and what they lack.</summary>
public interface IFannedOutDocument
{
    Guid Id { get; }

    /// <summary>Applies and relays an update or awareness change from another instance.</summary>
    Task ReceiveAsync(RedisFanout.Kind kind, byte[] payload);

    /// <summary>
    /// This document's state vector and, given a peer's <paramref name="peerStateVector"/>, what that peer
    /// lacks (null when nothing) and every awareness state (null when none), read at one moment.
    /// </summary>
    Task<(byte[] StateVector, byte[]? Missing, byte[]? Awareness)> ExchangeAsync(byte[]? peerStateVector);
}
