using Docs.Collab.Connections;
using Docs.Collab.Fanout;
using Docs.Yjs;

namespace Docs.Collab.Documents;

/// <summary>A loaded document as other instances reach it through the fan-out.</summary>
public sealed class FannedOutDocument(LiveDocument document, ILogger logger) : IFannedOutDocument
{
    public Guid Id => document.Id;

    public async Task ReceiveAsync(RedisFanout.Kind kind, byte[] payload)
    {
        await WorkOffSocketThreads.LeaveIfLargeAsync(payload.Length);
        try
        {
            await document.ApplyRelayedAsync(kind == RedisFanout.Kind.Update ? Outbound.Update : Outbound.Awareness, payload);
        }
        catch (YjsDecodingException ex)
        {
            logger.LogWarning(ex, "Ignored an undecodable message from another instance for {Document}", document.Id);
        }
    }

    public async Task<(byte[] StateVector, byte[]? Missing, byte[]? Awareness)> ExchangeAsync(byte[]? peerStateVector)
    {
        await WorkOffSocketThreads.LeaveIfLargeAsync(document.Bytes);
        return await document.ExchangeAsync(peerStateVector);
    }
}
