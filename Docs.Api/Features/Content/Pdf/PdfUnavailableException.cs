namespace Docs.Api.Features.Content.Pdf;

/// <summary>No browser to print with: the export answers 503 with this message, which says what to install.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
