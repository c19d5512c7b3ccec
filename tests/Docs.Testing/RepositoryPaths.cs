namespace Docs.Testing;

/// <summary>Where tests and benchmarks find the repository's own files: the directory of Docs.sln above the build output.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root_ = new(() =>
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Docs.sln")))
        {
            root = root.Parent;
        }
        return root?.FullName ?? throw new InvalidOperationException("Docs.sln not found above the build output.");
    });

    public static string Root => Root_.Value;
}
