using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;

namespace Docs.Hosting.Infrastructure;

/// <summary>Readies a local PostgreSQL's data directory before each start.</summary>
internal static class PostgresDataDirectory
{
    /// <summary>
    /// Creates the cluster on first use; gives it to the account PostgreSQL runs as; and waits for a
    /// server an earlier, killed AppHost left behind to finish stopping, so this start does not die on
    /// <c>lock file "postmaster.pid" already exists</c>. An <paramref name="ephemeral"/> cluster (tests) is not
    /// flushed to disk.
    /// </summary>
    public static async Task PrepareAsync(string bin, string data, string? osUser, string password, bool ephemeral, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(bin, data, osUser, password, ephemeral, cancellationToken);
        }
        else if (osUser is not null)
        {
            await ChownAsync(data, osUser, cancellationToken);
        }
        await WaitForEarlierServerAsync(data, cancellationToken);
    }

    private static async Task InitializeAsync(string bin, string data, string? osUser, string password, bool ephemeral, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data);
        // The password reaches initdb through a file only its user can read, never the command line;
        // beside the data directory, since initdb wants that one empty.
        var passwordFile = data + ".pwfile";
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (osUser is not null)
            {
                await ChownAsync(data, osUser, cancellationToken);
                await ChownAsync(passwordFile, osUser, cancellationToken);
            }
            string[] initdb = [Path.Combine(bin, "initdb"), "-D", data, "-U", LocalPostgresResource.UserName, $"--pwfile={passwordFile}",
                "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions", .. (ephemeral ? ["--no-sync"] : Array.Empty<string>())];
            var (code, output) = await RunAsync(osUser is null ? initdb : [.. AsUser(osUser), .. initdb], cancellationToken);
            if (code != 0)
            {
                throw new DistributedApplicationException($"initdb failed with exit code {code} in {data}:\n{output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    public static string[] AsUser(string osUser) => ["setpriv", $"--reuid={osUser}", $"--regid={osUser}", "--init-groups", "--"];

    private static async Task WaitForEarlierServerAsync(string data, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(lockFile) || !int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return;
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Posix.IsRunning(pid) && IsPostgres(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                // Nobody is stopping it: a fast shutdown (SIGINT) ends its sessions and exits cleanly.
                Posix.Signal(pid, Posix.SigInt);
                deadline = DateTime.UtcNow.AddSeconds(30);
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task ChownAsync(string path, string osUser, CancellationToken cancellationToken)
    {
        var (code, _) = await RunAsync(["chown", "-R", $"{osUser}:", path], cancellationToken);
        if (code != 0)
        {
            throw new DistributedApplicationException($"Could not give {path} to the '{osUser}' account that PostgreSQL runs as.");
        }
        // PostgreSQL's account must also be able to reach the directory through its parents.
        for (var parent = Path.GetDirectoryName(path); parent is not null && parent != "/"; parent = Path.GetDirectoryName(parent))
        {
            if ((File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                throw new DistributedApplicationException(
                    $"PostgreSQL runs as '{osUser}', who cannot enter {parent}. Put the data directory elsewhere (AppHost:DataDirectory) or run the AppHost as an ordinary user.");
            }
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] command, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
