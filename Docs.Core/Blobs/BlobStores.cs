namespace Docs.Core.Blobs;

/// <summary>The blob store that <c>ConnectionStrings:blobs</c> names: <c>file:///folder</c>, or an S3 bucket (<see cref="S3Settings"/>).</summary>
public static class BlobStores
{
    /// <summary>Without a connection string: a folder of the machine's, the same for every service run by one account.</summary>
    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "docs", "blobs");

    public static IBlobStore Create(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new FileBlobStore(DefaultFolder);
        }
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.IsFile)
        {
            return new FileBlobStore(uri.LocalPath);
        }
        return new S3BlobStore(S3Settings.Parse(connectionString));
    }
}
