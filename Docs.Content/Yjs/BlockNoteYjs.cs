using Docs.Content.Blocks;
using Docs.Yjs;

namespace Docs.Content.Yjs;

/// <summary>
/// A document's BlockNote content in Yjs: the XML fragment the editor binds to (the name our editor, like
/// the reference's, gives it) read as blocks, and blocks written as a new document's first update.
/// </summary>
public static class BlockNoteYjs
{
    /// <summary>The XML fragment the editor binds to (Docs.Web/Editor: <c>doc.getXmlFragment('document-store')</c>).</summary>
    public const string FragmentName = "document-store";

    /// <summary>The blocks of a document's state (one update, as <c>DocumentStates</c> merges it); none for a document never written.</summary>
    /// <exception cref="YjsDecodingException">The state is not a Yjs update.</exception>
    public static IReadOnlyList<Block> Read(byte[]? state)
    {
        if (state is null || state.Length == 0)
        {
            return [];
        }
        var doc = new Doc();
        doc.ApplyUpdate(state);
        return Read(doc);
    }

    public static IReadOnlyList<Block> Read(Doc doc) => BlockReader.ReadFragment(doc.GetXmlFragment(FragmentName));

    /// <summary>A new document holding <paramref name="blocks"/>, as one v1 update: what BlockNote's <c>blocksToYDoc</c> makes.</summary>
    public static byte[] Write(IReadOnlyList<Block> blocks)
    {
        var doc = new Doc();
        Write(doc, blocks);
        return doc.EncodeStateAsUpdate();
    }

    /// <summary>Adds <paramref name="blocks"/> to an empty document's fragment, in one transaction.</summary>
    public static void Write(Doc doc, IReadOnlyList<Block> blocks)
    {
        var fragment = doc.GetXmlFragment(FragmentName);
        if (fragment.Length > 0)
        {
            throw new InvalidOperationException("The document already has content: blocks are written into an empty document only.");
        }
        if (blocks.Count == 0)
        {
            // An empty fragment is what a new document has: the editor adds its first paragraph itself.
            return;
        }
        doc.Transact(_ => fragment.Insert(0, BlockWriter.Group(blocks)));
    }
}
