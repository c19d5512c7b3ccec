using System.Diagnostics;

namespace Docs.Testing;

/// <summary>
/// Runs the scripts of <c>tests/interop</c> with the real npm packages (installed with <c>npm ci</c> the
/// first time, or again when a package is missing): the ground truth for Docs.Yjs and Docs.Collab.
/// </summary>
public static class NodeInterop
{
    private static readonly Lazy<string> Directory_ = new(Prepare);
    private static readonly Lock Gate = new();

    public static string Directory => Directory_.Value;

    private static string Prepare()
    {
        var interop = Path.Combine(RepositoryPaths.Root, "tests", "interop");
        lock (Gate)
        {
            if (!File.Exists(Path.Combine(interop, "node_modules", "yjs", "package.json"))
                || !File.Exists(Path.Combine(interop, "node_modules", "@hocuspocus", "provider", "package.json")))
            {
                Run("npm", ["ci", "--no-audit", "--no-fund"], interop, TimeSpan.FromMinutes(5));
            }
        }
        return interop;
    }

    /// <summary>Runs a Node script of the interop folder and returns its standard output.</summary>
    public static string RunScript(string script, params string[] arguments) =>
        Run("node", [script, .. arguments], Directory, TimeSpan.FromMinutes(5));

    private static string Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{error.Result}\n{output.Result}");
        }
        return output.Result;
    }
}
