using Aspire.Hosting;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Infrastructure;

/// <summary>
/// Finds what the machine must provide for managed resources, or says exactly what to install.
/// Looked up once, before anything starts.
/// </summary>
internal static class Prerequisites
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDistributedApplicationBuilder, List<string>> Missing = [];

    /// <summary>
    /// The result of a lookup, or <paramref name="fallback"/> while its message is kept: everything missing
    /// is said at once, before anything starts, so one install command fixes the machine.
    /// </summary>
    public static T OrReport<T>(IDistributedApplicationBuilder builder, Func<T> find, T fallback)
    {
        try
        {
            return find();
        }
        catch (DistributedApplicationException ex)
        {
            if (!Missing.TryGetValue(builder, out var messages))
            {
                Missing.Add(builder, messages = []);
                builder.Eventing.Subscribe<Aspire.Hosting.ApplicationModel.BeforeStartEvent>((_, _) =>
                    throw new DistributedApplicationException(string.Join("\n\n", messages)));
            }
            messages.Add(ex.Message);
            return fallback;
        }
    }

    private static string Install(string packages) =>
        Posix.IsRoot ? $"apt-get install -y {packages}" : $"sudo apt-get install -y {packages}";

    /// <summary>
    /// The directory holding <c>initdb</c> and <c>postgres</c>: <c>Postgres:BinDirectory</c> when set,
    /// else what <c>pg_config --bindir</c> on PATH says, else the newest <c>/usr/lib/postgresql/*/bin</c>
    /// (the root is <c>Postgres:InstallRoot</c>).
    /// </summary>
    public static string FindPostgresBinDirectory(IConfiguration configuration, string databaseName)
    {
        static bool HasServer(string? directory) =>
            directory is not null && File.Exists(Path.Combine(directory, "postgres")) && File.Exists(Path.Combine(directory, "initdb"));

        var configured = configuration["Postgres:BinDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured) ? configured
                : throw new DistributedApplicationException($"Postgres:BinDirectory is '{configured}', which holds no initdb and postgres.");
        }

        var pgConfig = Posix.Which("pg_config");
        var fromPgConfig = pgConfig is null ? null : Run(pgConfig, "--bindir");
        if (HasServer(fromPgConfig))
        {
            return fromPgConfig!;
        }

        var root = configuration["Postgres:InstallRoot"] ?? "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(directory => (Version: int.TryParse(Path.GetFileName(directory), out var v) ? v : 0, Bin: Path.Combine(directory, "bin")))
                .Where(candidate => HasServer(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return newest ?? throw new DistributedApplicationException(
            "PostgreSQL server programs (initdb, postgres) were not found: not through pg_config on PATH, nor under " +
            $"{root}/*/bin. Install them with:\n    {Install("postgresql")}\n" +
            $"or use a server you already have: set ConnectionStrings__{databaseName}=\"Host=...;Database=...;Username=...;Password=...\".");
    }

    /// <summary><c>Redis:ServerPath</c> when set, else <c>redis-server</c> on PATH or in /usr/bin.</summary>
    public static string FindRedisServer(IConfiguration configuration, string resourceName)
    {
        var configured = configuration["Redis:ServerPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured
                : throw new DistributedApplicationException($"Redis:ServerPath is '{configured}', which does not exist.");
        }
        return Posix.Which("redis-server") ?? throw new DistributedApplicationException(
            $"redis-server was not found on PATH. Install it with:\n    {Install("redis-server")}\n" +
            $"or use a server you already have: set ConnectionStrings__{resourceName}=\"host:port,password=...\".");
    }

    /// <summary>
    /// PostgreSQL refuses to run as root: when we are root, the unprivileged account it runs as
    /// (<c>Postgres:OsUser</c>, else <c>postgres</c> where it exists, else <c>nobody</c>).
    /// </summary>
    public static string? PostgresOsUser(IConfiguration configuration)
    {
        if (!Posix.IsRoot)
        {
            return null;
        }
        if (Posix.Which("setpriv") is null)
        {
            throw new DistributedApplicationException($"Running as root, PostgreSQL must run as another user, which needs setpriv. Install it with:\n    {Install("util-linux")}");
        }
        var configured = configuration["Postgres:OsUser"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var users = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd").Select(line => line.Split(':')[0]).ToHashSet() : [];
        return users.Contains("postgres") ? "postgres" : "nobody";
    }

    /// <summary>Runs a short command and returns its first line of output, or null when it fails.</summary>
    public static string? Run(string fileName, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
