namespace Docs.Content.Docx.Import;

/// <summary>The file is not a DOCX this importer reads (not a Word package, or past the bounds it reads in).</summary>
public sealed class DocxImportException(string message, Exception? inner = null) : Exception(message, inner);
