namespace Docs.Content.Docx;

/// <summary>An image to embed: its bytes and media type (PNG, JPEG or GIF).</summary>
public sealed record DocxImage(byte[] Data, string ContentType);

/// <summary>
/// Finds the bytes of an image a document shows, by its URL (the document's own attachments, typically);
/// null when they cannot be had, and the export then links to the image instead.
/// </summary>
public delegate DocxImage? DocxImageSource(string url);
