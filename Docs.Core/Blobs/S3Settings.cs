using System.Data.Common;

namespace Docs.Core.Blobs;

/// <summary>An S3 bucket as a connection string: <c>Endpoint=…;Bucket=…;AccessKey=…;SecretKey=…;Region=…</c>.</summary>
public sealed record S3Settings(string Endpoint, string Bucket, string AccessKey, string SecretKey, string Region)
{
    public static S3Settings Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        string Part(string name, string? fallback = null) =>
            parts.TryGetValue(name, out var value) && value is string text && text.Length > 0 ? text
            : fallback ?? throw new FormatException($"The blob store's connection string lacks {name}=….");
        return new S3Settings(Part("Endpoint"), Part("Bucket"), Part("AccessKey"), Part("SecretKey"), Part("Region", "us-east-1"));
    }

    /// <summary>Without the keys: settings end up in logs and messages, secrets must not.</summary>
    public override string ToString() => $"S3 bucket {Bucket} at {Endpoint} ({Region})";
}
