using Docs.Testing;

namespace Docs.AppHost.Tests;

/// <summary>The AppHost as a developer runs it: a real process, real signals, the real machine.</summary>
[Collection(AppHostProcessCollection.Name)]
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Sigterm_stops_everything_and_leaves_no_process_behind()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitForOutputAsync("Docs is running", StartTimeout);
        var children = host.Descendants();
        AssertRunsTheStack(children);
        // The summary waits for every service, not just the site: the API answers through it at once.
        using (var http = new HttpClient { BaseAddress = host.SiteUrl })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/api/v1.0/config/")).StatusCode);
        }

        host.Signal(Native.SigTerm);

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await AssertAllGoneAsync(children, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Ctrl_c_or_a_signal_to_run_sh_itself_stops_everything_and_leaves_no_child_behind()
    {
        // SIGINT to run.sh's own process id, as Ctrl+C, a script or a service manager sends it. A test runner
        // may have started us with SIGINT ignored, which children inherit; a terminal does not.
        // --no-build: the tests' build built it (a build with nothing to do still takes half a minute).
        await using var host = AppHostProcess.Start(wrapper: ["env", "--default-signal=INT"], executable: Path.Combine(RepositoryPaths.Root, "run.sh"), arguments: ["--no-build"]);
        await host.WaitForOutputAsync("Docs is running", StartTimeout);
        var children = host.Descendants();
        AssertRunsTheStack(children);

        host.Signal(Native.SigInt);

        Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await AssertAllGoneAsync(children, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_apphost_killed_outright_still_leaves_no_child_behind()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitForOutputAsync("Docs is running", StartTimeout);
        var children = host.Descendants();
        AssertRunsTheStack(children);

        host.Signal(Native.SigKill);
        await host.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // DCP watches the AppHost: once it is gone, DCP stops what it started, then itself.
        await AssertAllGoneAsync(children, TimeSpan.FromSeconds(60));

        // A start right after comes up healthy: PostgreSQL does not trip on the lock file of the one before.
        await using var again = AppHostProcess.Start(dataDirectory: host.DataDirectory);
        await again.WaitForOutputAsync("Docs is running", StartTimeout);
    }

    [Fact]
    public async Task Without_postgresql_and_redis_programs_it_says_what_to_install_and_fails()
    {
        var dotnetDirectory = Path.GetDirectoryName(Environment.ProcessPath)!;
        await using var host = AppHostProcess.Start(new Dictionary<string, string>
        {
            // Only the .NET SDK on PATH, and no /usr/lib/postgresql to fall back on.
            ["PATH"] = $"{dotnetDirectory}:/usr/share/dotnet",
            ["Postgres__InstallRoot"] = "/nonexistent",
        }, wrapper: ["/usr/bin/env"]);

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var output = host.AllOutput;
        Assert.Contains("PostgreSQL server programs (initdb, postgres) were not found", output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y postgresql", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__docsdb", output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y redis-server", output, StringComparison.Ordinal);
        Assert.DoesNotContain(output.Split('\n'), line => line.Contains("Starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_taken_web_port_ends_the_apphost_at_once_with_the_setting_to_change()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = AppHostProcess.Start(new Dictionary<string, string> { ["web__Port"] = port });

        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains($"Port {port} for 'web' is in use", host.AllOutput, StringComparison.Ordinal);
        Assert.Contains("web:Port", host.AllOutput, StringComparison.Ordinal);
    }

    private static async Task AssertAllGoneAsync(IReadOnlyList<int> processes, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (processes.Any(ProcessInfo.IsRunning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Empty(processes.Where(ProcessInfo.IsRunning).Select(ProcessInfo.CommandLine));
    }

    private static void AssertRunsTheStack(IReadOnlyList<int> children)
    {
        var commands = children.Select(ProcessInfo.CommandLine).ToList();
        Assert.Contains(commands, command => command.Contains("bin/postgres", StringComparison.Ordinal));
        Assert.Contains(commands, command => command.Contains("redis-server", StringComparison.Ordinal));
        foreach (var service in new[] { "Docs.Identity", "Docs.Api", "Docs.Collab", "Docs.Worker", "Docs.Web" })
        {
            // Each service runs as the program its build put under bin/, not under `dotnet run` (seconds of CPU a start).
            Assert.Contains(commands, command => command.Contains($"{service}/bin/", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(commands, command => command.Contains(" run --project ", StringComparison.Ordinal));
    }
}

/// <summary>Whole stacks are heavy on a two-core machine: these run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AppHostProcessCollection
{
    public const string Name = "apphost-process";
}
