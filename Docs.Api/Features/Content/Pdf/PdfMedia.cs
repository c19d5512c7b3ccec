namespace Docs.Api.Features.Content.Pdf;

/// <summary>
/// The bytes and media type of a picture the page shows, found by its URL (the document's own
/// attachments, from the blob store); null for anything else, which the browser is then refused.
/// </summary>
public delegate Task<(byte[] Data, string MediaType)?> PdfMedia(string url, CancellationToken cancellationToken);
