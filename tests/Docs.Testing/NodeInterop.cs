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
                || !File.Exists(Path.Combine(interop, "node_modules", "@hocuspocus", "provider", "package.json"))
                || !File.Exists(Path.Combine(interop, "node_modules", "s3rver", "package.json")))
            {
                Run("npm", ["ci", "--no-audit", "--no-fund"], interop, TimeSpan.FromMinutes(5));
            }
        }
        return interop;
    }

    /// <summary>Runs a Node script of the interop folder and returns its standard output.</summary>
    public static string RunScript(string script, params string[] arguments) =>
        Run("node", [script, .. arguments], Directory, TimeSpan.FromMinutes(5));

    /// <summary>Starts a Node script of the interop folder that runs until its standard input closes (see <see cref="RunningScript"/>).</summary>
    public static RunningScript StartScript(string script, params string[] arguments) => StartScript(script, [], arguments);

    /// <summary>As <see cref="StartScript(string, string[])"/>, with <paramref name="nodeFlags"/> for node itself.</summary>
    public static RunningScript StartScript(string script, string[] nodeFlags, string[] arguments)
    {
        var startInfo = StartInfo("node", [.. nodeFlags, script, .. arguments], Directory);
        startInfo.RedirectStandardInput = true;
        return new RunningScript(Process.Start(startInfo)!);
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory)
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
        return startInfo;
    }

    private static string Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, workingDirectory))!;
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

/// <summary>A Node script that keeps running (a client that stays connected) until it is disposed, which closes its standard input.</summary>
public sealed class RunningScript(Process process) : IAsyncDisposable
{
    private readonly Task<string> _errors = process.StandardError.ReadToEndAsync();

    /// <summary>Sends the script one line of its standard input (a command) and returns the next line it prints.</summary>
    public async Task<string> AskAsync(string command, TimeSpan timeout)
    {
        await process.StandardInput.WriteLineAsync(command);
        await process.StandardInput.FlushAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        return await process.StandardOutput.ReadLineAsync(cancellation.Token)
            ?? throw new InvalidOperationException($"The script exited ({(process.HasExited ? process.ExitCode : -1)}) instead of answering '{command}':\n{await _errors}");
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }
}
