using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Docs.Testing;

/// <summary>
/// The whole application running for a test, started by Aspire.Hosting.Testing from the AppHost's own
/// model: random ports, a data directory of its own (so a fresh database) with durability traded for
/// speed, the machine's PostgreSQL and Redis; endpoints, connection strings and logs of every resource,
/// and a teardown that stops every process and deletes the test's data.
/// </summary>
public sealed class TestingApplication : IAsyncDisposable
{
    /// <summary>An environment variable naming the application and the resource, so tests find a service's process.</summary>
    private const string ProcessMarker = "DOCS_TEST_PROCESS";

    private readonly CancellationTokenSource _stopping = new();
    private string _instance = "";
    private bool _started;

    private TestingApplication(DistributedApplication application, string dataDirectory, TestingLogs logs)
    {
        Application = application;
        DataDirectory = dataDirectory;
        Logs = logs;
    }

    public DistributedApplication Application { get; }

    /// <summary>This application's data: databases, generated secrets, mail.</summary>
    public string DataDirectory { get; }

    public TestingLogs Logs { get; }

    public ResourceNotificationService ResourceNotifications => Application.ResourceNotifications;

    /// <summary>
    /// Builds the AppHost's application with <paramref name="settings"/> added to its configuration
    /// (<c>Services:{resource}:{key}</c> reaches that service), and starts it; with <paramref name="start"/>
    /// false, only builds it. On a failed start the exception carries the failed resources' logs.
    /// </summary>
    public static async Task<TestingApplication> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool start = true, TimeSpan? timeout = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "docs-tests", Guid.NewGuid().ToString("N")[..12]);
        var arguments = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AppHost:DataDirectory"] = dataDirectory,
            ["AppHost:EphemeralData"] = "true",
            ["Infrastructure:Mode"] = "local",
            // Any free port for the sites people type (8080, 8083): a developer's running stack keeps its own.
            ["web:Port"] = "0",
            ["identity:Port"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            arguments[key] = value;
        }
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(
            [.. arguments.Select(pair => $"--{pair.Key}={pair.Value}")],
            (options, _) =>
            {
                options.DisableDashboard = true;
                options.EnableResourceLogging = true;
            });
        var logs = new TestingLogs();
        // Every resource's log goes to the test's own record (shown when a start fails), not to the console.
        builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(logs).AddFilter<TestingLogs>(level => true));
        var instance = Guid.NewGuid().ToString("N");
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(ProcessMarker, $"{instance}/{project.Name}");
        }
        var testing = new TestingApplication(await builder.BuildAsync(), dataDirectory, logs) { _instance = instance };
        if (start)
        {
            await testing.StartAsync(timeout);
        }
        return testing;
    }

    /// <summary>
    /// Starts the application, following every resource's log, without waiting for it: Aspire's start goes
    /// on until every resource has started, which a test of a failure may never see.
    /// </summary>
    public Task BeginStartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        return Application.StartAsync(cancellationToken);
    }

    /// <summary>Starts everything and waits until every service is healthy.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        var model = Application.Services.GetRequiredService<DistributedApplicationModel>();
        await BeginStartAsync(cancellation.Token);
        try
        {
            foreach (var service in model.Resources.OfType<ProjectResource>())
            {
                await ResourceNotifications.WaitForResourceHealthyAsync(service.Name, cancellation.Token);
            }
        }
        catch (OperationCanceledException ex)
        {
            var states = model.Resources.Select(resource => ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{resource.Name}: {current.Snapshot.State?.Text} {current.Snapshot.HealthStatus}" : $"{resource.Name}: ?");
            var failed = model.Resources.Where(resource => ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                && current.Snapshot.HealthStatus != Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
            throw new TimeoutException(
                $"The application did not become healthy:\n{string.Join('\n', states)}\n\n" +
                string.Join("\n\n", failed.Select(resource => $"--- {resource.Name}\n{string.Join('\n', Logs.Of(resource.Name).TakeLast(40))}")), ex);
        }
    }

    /// <summary>The model's resources other than parameters: servers, databases and services.</summary>
    public IReadOnlyList<string> ResourceNames => [.. Application.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Where(resource => resource is not ParameterResource && !IsHiddenFromTheDashboard(resource.Name)).Select(resource => resource.Name)];

    private bool IsHiddenFromTheDashboard(string resource) =>
        ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.IsHidden;

    /// <summary>Whether the resource runs and its health checks pass.</summary>
    public bool IsHealthy(string resource) =>
        ResourceNotifications.TryGetCurrentState(resource, out var current)
        && current.Snapshot.State?.Text == KnownResourceStates.Running
        && current.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    /// <summary>An HTTP client whose base address is the resource's HTTP endpoint.</summary>
    public HttpClient CreateHttpClient(string resource) => Application.CreateHttpClient(resource, "http");

    public string GetConnectionString(string resource) =>
        Application.GetConnectionStringAsync(resource).AsTask().GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"'{resource}' has no connection string.");

    public Uri GetEndpoint(string resource) => Application.GetEndpoint(resource, "http");

    /// <summary>A parameter's value, as the services get it (generated secrets included).</summary>
    public string Parameter(string name)
    {
        var parameter = Application.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == name);
        return parameter.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"Parameter '{name}' has no value.");
    }

    /// <summary>
    /// The process id of a running service: the program itself, found by the marker this class gives each
    /// service, not the <c>dotnet run</c> that Aspire starts it with (killing that one orphans the program).
    /// </summary>
    public int? GetProcessId(string resource)
    {
        var marker = $"{ProcessMarker}={_instance}/{resource}";
        var marked = ProcessInfo.All()
            .Where(pid => ProcessInfo.HasEnvironment(pid, marker))
            .Select(pid => (Pid: pid, Parent: ProcessInfo.Parent(pid)))
            .Where(process => process.Parent is not null)
            .ToList();
        // The program is the marked process whose parent is marked too (dotnet run), or the only one.
        return marked.Where(process => marked.Any(parent => parent.Pid == process.Parent)).Select(process => (int?)process.Pid).FirstOrDefault()
            ?? (marked.Count == 1 ? marked[0].Pid : null);
    }

    /// <summary>Stops a service (killed outright when <paramref name="kill"/>); it stays stopped until <see cref="StartResourceAsync"/>.</summary>
    public async Task StopResourceAsync(string resource, bool kill = false)
    {
        if (kill)
        {
            var pid = GetProcessId(resource) ?? throw new InvalidOperationException($"'{resource}' has no process to kill.");
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            await process.WaitForExitAsync();
        }
        else
        {
            await ExecuteAsync(resource, KnownResourceCommands.StopCommand);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, cancellation.Token);
        }
    }

    /// <summary>Starts a stopped service and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resource)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StartCommand);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellation.Token);
    }

    /// <summary>
    /// Stops a service (killed outright when <paramref name="kill"/>, as a crash) and has it running again,
    /// healthy, as a new process: started again by the AppHost when it restarts crashed services, else here.
    /// </summary>
    public async Task RestartResourceAsync(string resource, bool kill = false)
    {
        var before = GetProcessId(resource);
        await StopResourceAsync(resource, kill);
        // After a crash, the AppHost's restart of crashed services comes first; a stop is ours to undo.
        var startOurselvesAfter = DateTime.UtcNow.AddSeconds(kill ? 5 : 0);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (GetProcessId(resource) is { } now && now != before && IsHealthy(resource))
            {
                return;
            }
            if (ResourceNotifications.TryGetCurrentState(resource, out var current)
                && KnownResourceStates.TerminalStates.Contains(current.Snapshot.State?.Text)
                && DateTime.UtcNow >= startOurselvesAfter)
            {
                await StartResourceAsync(resource);
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"'{resource}' did not come back within 2 minutes.");
    }

    private async Task ExecuteAsync(string resource, string command)
    {
        var commands = Application.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on '{resource}' failed: {result.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_started)
        {
            await Application.StopAsync();
        }
        await Application.DisposeAsync();
        _stopping.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing; the temporary directory goes with the machine.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
