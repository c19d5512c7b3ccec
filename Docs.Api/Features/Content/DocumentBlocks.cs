using Docs.Content;
using Docs.Content.Blocks;
using Docs.Content.Yjs;
using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Yjs;

namespace Docs.Api.Features.Content;

/// <summary>
/// A document's content as blocks, read through <see cref="DocumentStates"/> (snapshot and update log
/// together, so an acknowledged edit is always in it). Null blocks: nothing was ever written.
/// </summary>
public sealed record DocumentBlocks(IReadOnlyList<Block>? Blocks)
{
    /// <summary>The blocks, or null when the stored state cannot be read (then <paramref name="problem"/> says why).</summary>
    public static async Task<(DocumentBlocks? Content, string? Problem)> ReadAsync(DocsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var stored = await DocumentStates.ReadAsync(db, id, cancellationToken);
        try
        {
            var state = stored?.Merge();
            return (new DocumentBlocks(state is null ? null : BlockNoteYjs.Read(state)), null);
        }
        catch (YjsDecodingException)
        {
            return (null, "This document's stored state cannot be read; an administrator can restore its last good version.");
        }
        catch (ContentTooDeepException ex)
        {
            return (null, ex.Message);
        }
    }
}
