namespace Docs.Core.Blobs;

/// <summary>A blob as a listing tells it: its key and when it was last written.</summary>
public sealed record StoredBlob(string Key, DateTimeOffset LastModified);
