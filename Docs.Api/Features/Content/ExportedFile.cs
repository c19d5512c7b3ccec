namespace Docs.Api.Features.Content;

/// <summary>One exported page: its bytes, their media type and the file's extension.</summary>
public sealed record ExportedFile(byte[] Data, string MediaType, string Extension);
