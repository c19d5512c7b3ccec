using Docs.Content.Blocks;

namespace Docs.Content.Docx.Import;

/// <summary>
/// What a DOCX import gives: the blocks, and the pictures the file holds, which the blocks name by a
/// placeholder URL (<see cref="ImportedPicture.Url"/>) until they are stored somewhere of their own; and the
/// document's title when it opens with a paragraph in Word's Title style (as our exports write it).
/// </summary>
public sealed record DocxImport(IReadOnlyList<Block> Blocks, IReadOnlyList<ImportedPicture> Pictures, string? Title = null);

/// <summary>A picture from an imported file: the URL its image block has for now, and its bytes.</summary>
public sealed record ImportedPicture(string Url, byte[] Data);
