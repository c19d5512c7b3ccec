namespace Docs;

/// <summary>
/// The names the AppHost gives its resources, which are the names the services find them by: a server or
/// database by its connection string (<c>ConnectionStrings__{name}</c>), a service by service discovery
/// (<c>http://{name}</c>). One list, read by both sides.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string DocsDatabase = "docsdb";
    public const string IdentityDatabase = "identitydb";
    public const string Redis = "redis";
    public const string Blobs = "blobs";

    public const string Identity = "identity";
    public const string Api = "api";
    public const string Collab = "collab";
    public const string Worker = "worker";
    public const string Web = "web";
}
