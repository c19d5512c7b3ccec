using Docs.Content.Blocks;

namespace Docs.Content.Docx.Import;

/// <summary>
/// What a DOCX import gives: the blocks, and the pictures the file holds, which the blocks name by a
/// placeholder URL (<see cref="ImportedPicture.Url"/>) until they are stored somewhere of their own.
/// </summary>
public sealed record DocxImport(IReadOnlyList<Block> Blocks, IReadOnlyList<ImportedPicture> Pictures);

/// <summary>A picture from an imported file: the URL its image block has for now, and its bytes.</summary>
public sealed record ImportedPicture(string Url, byte[] Data);
