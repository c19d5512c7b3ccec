using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting;

/// <summary>
/// Where the running application keeps what must outlive a run: databases, generated secrets, mail.
/// <c>AppHost:DataDirectory</c>, else <c>.data/</c> at the repository root (the AppHost's parent when it
/// holds the solution). <c>AppHost:EphemeralData</c> (tests) trades durability for speed.
/// </summary>
public static class AppHostData
{
    public static string DataDirectory(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["AppHost:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(RepositoryRoot(builder.AppHostDirectory), ".data")
            : configured, builder.AppHostDirectory);
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute); // owner-only, but PostgreSQL's own account may pass through
        return directory;
    }

    public static bool IsEphemeral(this IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue("AppHost:EphemeralData", false);

    /// <summary>The repository root: the AppHost's parent when it holds the solution, else the AppHost's own directory.</summary>
    public static string RepositoryRoot(string appHostDirectory)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(appHostDirectory));
        return parent is not null && Directory.EnumerateFiles(parent, "*.sln*").Any() ? parent : appHostDirectory;
    }
}
