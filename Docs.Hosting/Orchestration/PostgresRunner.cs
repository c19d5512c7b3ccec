using Docs.Hosting.Infrastructure;
using Npgsql;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// A PostgreSQL server run from the machine's installation: initdb on first use (password
/// authentication, data kept under <c>{data}/{name}</c>), TCP on loopback only, no Unix socket.
/// As root, the server runs as an unprivileged account, since PostgreSQL refuses root.
/// </summary>
internal sealed class PostgresRunner(PostgresServerResource server) : ResourceRunner(server)
{
    private string _bin = "";
    private string? _osUser;

    public override bool IsVisible => server.IsManaged;

    public override void CheckPrerequisites(RunContext context)
    {
        if (!server.IsManaged)
        {
            return;
        }
        _bin = Prerequisites.FindPostgresBinDirectory(context.Configuration, server.Databases.FirstOrDefault()?.Name ?? server.Name);
        _osUser = Prerequisites.PostgresOsUser(context.Configuration);
    }

    public override void AllocateEndpoints(RunContext context)
    {
        if (server.IsManaged)
        {
            server.Endpoint.AllocatedPort = PortAllocator.Allocate();
        }
    }

    private string DataDirectory(RunContext context) => Path.Combine(context.DataDirectory, server.Name);

    public override async Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        if (!server.IsManaged)
        {
            return null;
        }
        var data = DataDirectory(context);
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(context, data, log, cancellationToken);
        }
        else if (_osUser is not null)
        {
            await ChownAsync(data, cancellationToken);
        }

        List<string> arguments =
        [
            "-D", data,
            "-p", server.Endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
        ];
        if (context.Options.EphemeralData)
        {
            // Throw-away test data: durability buys nothing and costs seconds.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        var spec = new ProcessSpec(Path.Combine(_bin, "postgres"), arguments, new Dictionary<string, string>(),
            WorkingDirectory: data, StopSignal: Posix.SigInt, RunAsUser: _osUser);
        return ManagedProcess.Start(spec, log);
    }

    private async Task InitializeAsync(RunContext context, string data, ResourceLog log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data);
        // The password reaches initdb through a file only its user can read, never the command line;
        // beside the data directory, since initdb wants that one empty.
        var passwordFile = data + ".pwfile";
        await File.WriteAllTextAsync(passwordFile, server.Password.Value + "\n", cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (_osUser is not null)
        {
            await ChownAsync(data, cancellationToken);
            await ChownAsync(passwordFile, cancellationToken);
        }
        try
        {
            var spec = new ProcessSpec(Path.Combine(_bin, "initdb"),
                ["-D", data, "-U", PostgresServerResource.UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-instructions"],
                new Dictionary<string, string>(), WorkingDirectory: data, RunAsUser: _osUser);
            await using var initdb = ManagedProcess.Start(spec, log);
            var code = await initdb.Exited.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            if (code != 0)
            {
                throw new DistributedApplicationException($"initdb failed with exit code {code} in {data}.");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task ChownAsync(string path, CancellationToken cancellationToken)
    {
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", $"{_osUser}:", path]);
        await chown.WaitForExitAsync(cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {path} to the '{_osUser}' account that PostgreSQL runs as.");
        }
        // PostgreSQL's account must also be able to reach the directory through its parents.
        for (var parent = Path.GetDirectoryName(path); parent is not null && parent != "/"; parent = Path.GetDirectoryName(parent))
        {
            if ((File.GetUnixFileMode(parent) & UnixFileMode.OtherExecute) == 0)
            {
                throw new DistributedApplicationException(
                    $"PostgreSQL runs as '{_osUser}', who cannot enter {parent}. Put the data directory elsewhere (AppHost:DataDirectory) or run the AppHost as an ordinary user.");
            }
        }
    }

    public override async Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(server.ConnectionString + ";Database=postgres;Pooling=false;Timeout=3");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            throw new DistributedApplicationException(
                $"PostgreSQL refused the password kept in {Path.Combine(context.DataDirectory, "parameters.json")}: the data in {DataDirectory(context)} " +
                "was created with another one. Restore that file, or delete the data directory to start afresh.", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public override TimeSpan StopGrace => TimeSpan.FromSeconds(15);
}
