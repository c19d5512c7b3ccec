namespace Docs.Hosting;

/// <summary>
/// Facts about the AppHost project that its build records (see <c>build/Docs.Hosting.targets</c>):
/// where it lives, and so where the repository and its <c>.data/</c> are.
/// </summary>
public static class AppHostInfo
{
    public static string? ProjectDirectory { get; private set; }

    /// <summary>Called by generated code when the AppHost assembly loads.</summary>
    public static void Register(string projectDirectory) => ProjectDirectory ??= projectDirectory;

    /// <summary>The repository root: the AppHost's parent when it holds the solution, else the AppHost's own directory.</summary>
    internal static string RepositoryRoot(string appHostDirectory)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(appHostDirectory));
        return parent is not null && Directory.EnumerateFiles(parent, "*.sln*").Any() ? parent : appHostDirectory;
    }
}
