using Docs.Collab.Connections;
using Docs.Collab.Fanout;
using Docs.Yjs;

namespace Docs.Collab.Documents;

/// <summary>A loaded document as other instances reach it through the fan-out; everything under its gate.</summary>
public sealed class FannedOutDocument(LiveDocument document, ILogger logger) : IFannedOutDocument
{
    public Guid Id => document.Id;

    public async Task ReceiveAsync(RedisFanout.Kind kind, byte[] payload)
    {
        await WorkOffSocketThreads.LeaveIfLargeAsync(payload.Length);
        await document.Gate.WaitAsync();
        try
        {
            if (document.Unloaded)
            {
                return;
            }
            // Relayed as received, as local updates are: no state-vector diff per message on this hot path.
            if (kind == RedisFanout.Kind.Update)
            {
                document.Doc.ApplyUpdate(payload, origin: null);
                document.Broadcast(Outbound.Update, payload);
            }
            else
            {
                document.Awareness.ApplyUpdate(payload, origin: null);
                document.Broadcast(Outbound.Awareness, payload);
            }
        }
        catch (YjsDecodingException ex)
        {
            logger.LogWarning(ex, "Ignored an undecodable message from another instance for {Document}", document.Id);
        }
        finally
        {
            document.Gate.Release();
        }
    }

    public async Task<(byte[] StateVector, byte[]? Missing, byte[]? Awareness)> ExchangeAsync(byte[]? peerStateVector)
    {
        await WorkOffSocketThreads.LeaveIfLargeAsync(document.Bytes);
        await document.Gate.WaitAsync();
        try
        {
            var stateVector = document.Doc.EncodeStateVector();
            if (peerStateVector is null)
            {
                return (stateVector, null, null);
            }
            var awareness = document.Awareness.States.Count > 0 ? document.Awareness.EncodeUpdate() : null;
            return (stateVector, document.MissingSince(peerStateVector), awareness);
        }
        finally
        {
            document.Gate.Release();
        }
    }
}
