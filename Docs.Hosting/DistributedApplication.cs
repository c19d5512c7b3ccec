using System.Globalization;
using System.Runtime.InteropServices;
using Docs.Hosting.Orchestration;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting;

/// <summary>
/// The application built from the model. <see cref="RunAsync"/> is the developer's F5: everything starts
/// in dependency order, a summary says where to go, and Ctrl+C or SIGTERM stops it all.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;
    private readonly RunContext _context;
    private readonly IReadOnlyList<Resource> _resources;

    private readonly DistributedApplicationExecutionContext _executionContext;
    private readonly string _appHostDirectory;

    internal DistributedApplication(IReadOnlyList<Resource> resources, DistributedApplicationOptions options, IConfiguration configuration,
        DistributedApplicationExecutionContext executionContext, string appHostDirectory)
    {
        _resources = resources;
        _executionContext = executionContext;
        _appHostDirectory = appHostDirectory;
        Options = options;
        _context = new RunContext(options, configuration, new ConsoleSink(options.WriteToConsole, options.LogSink));
        // Publishing starts nothing: the orchestrator gets no resources then.
        _orchestrator = new Orchestrator(executionContext.IsRunMode ? resources : [], _context, ResourceNotifications);
    }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        new DistributedApplicationBuilder(new DistributedApplicationOptions { Args = args });

    public DistributedApplicationOptions Options { get; }

    public ResourceNotificationService ResourceNotifications { get; } = new();

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Time from the start call until every resource was healthy.</summary>
    public TimeSpan StartupTime => _orchestrator.StartupTime;

    public T GetResource<T>(string name) where T : Resource =>
        _resources.OfType<T>().SingleOrDefault(resource => resource.Name == name)
        ?? throw new ArgumentException($"No {typeof(T).Name} named '{name}' in the model.", nameof(name));

    /// <summary>The connection string that services referencing <paramref name="name"/> receive.</summary>
    public string GetConnectionString(string name) =>
        _resources.OfType<IResourceWithConnectionString>().SingleOrDefault(resource => resource.Name == name)?.ConnectionString
        ?? throw new ArgumentException($"No resource with a connection string named '{name}'.", nameof(name));

    public Uri GetEndpoint(string name) => GetResource<ProjectResource>(name).HttpEndpoint.Url;

    /// <summary>Starts every resource and returns when all are healthy; throws, naming the failures, otherwise.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _orchestrator.StartAsync(cancellationToken);

    public Task StopAsync() => _orchestrator.StopAsync();

    /// <summary>The process id of a running resource (null for external ones): for benchmarks that sample its CPU and memory.</summary>
    public int? GetProcessId(string name) => _orchestrator.ProcessId(name);

    /// <summary>Stops a project (killed outright when <paramref name="kill"/>) and starts it again, healthy, on the same port.</summary>
    public Task RestartResourceAsync(string name, bool kill = false) => _orchestrator.RestartAsync(name, kill);

    /// <summary>Stops a project (killed outright when <paramref name="kill"/>); it stays stopped until <see cref="StartResourceAsync"/>.</summary>
    public Task StopResourceAsync(string name, bool kill = false) => _orchestrator.StopResourceAsync(name, kill);

    /// <summary>Starts a stopped project again on its port, returning once it is healthy.</summary>
    public Task StartResourceAsync(string name) => _orchestrator.StartResourceAsync(name);

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>Runs until Ctrl+C or SIGTERM (a second Ctrl+C does not wait for graceful stops).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (DistributedApplicationTestingHook.Current is { } hook)
        {
            hook.Built.TrySetResult(this);
            return;
        }
        if (_executionContext.IsPublishMode)
        {
            Environment.ExitCode = Publishing.Publisher.Publish(_resources, _context.Configuration, _executionContext, _appHostDirectory);
            return;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var firstSignal = DateTime.MinValue;
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            // A terminal's Ctrl+C reaches both `dotnet run` (which forwards it) and us: signals close
            // together are one request. A later one means "now".
            if (shutdown.IsCancellationRequested && DateTime.UtcNow - firstSignal > TimeSpan.FromSeconds(2))
            {
                _context.Console.Announce("signalled again: killing everything without waiting");
                _orchestrator.Kill();
                Environment.Exit(130);
            }
            if (!shutdown.IsCancellationRequested)
            {
                firstSignal = DateTime.UtcNow;
                shutdown.Cancel();
            }
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        try
        {
            await StartAsync(shutdown.Token);
            _context.Console.Announce(Summary());
        }
        catch (MissingPrerequisiteException ex)
        {
            await Console.Error.WriteLineAsync($"\nCannot start: {ex.Message}\n");
            Environment.ExitCode = 2;
            await DisposeAsync();
            return;
        }
        catch (DistributedApplicationException ex) when (!_orchestrator.StartedAnyProcess)
        {
            // Nothing runs (a taken port, a cycle...): waiting for Ctrl+C would only hide the failure.
            await Console.Error.WriteLineAsync($"\nCannot start: {ex.Message}\n");
            Environment.ExitCode = 1;
            await DisposeAsync();
            return;
        }
        catch (DistributedApplicationException ex) when (!shutdown.IsCancellationRequested)
        {
            // What did start keeps running so the failure can be looked at; Ctrl+C stops it all.
            _context.Console.Announce(ex.Message + "\nPress Ctrl+C to stop.");
            Environment.ExitCode = 1;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
        }

        await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _context.Console.Announce("stopping");
        await DisposeAsync();
        _context.Console.Announce("stopped");
    }

    private string Summary()
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Docs is ready: every resource healthy {StartupTime.TotalSeconds:0.0} s after start."),
        };
        foreach (var site in _resources.OfType<ProjectResource>().Where(project => project.IsEntryPoint))
        {
            lines.Add($"  Open      {site.HttpEndpoint.UrlString}");
        }
        lines.AddRange(_resources.SelectMany(resource => resource.SummaryLines).Select(line => "  " + line()));
        lines.Add($"  Logs      {_context.LogDirectory}");
        lines.Add("  Stop      Ctrl+C");
        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        await _orchestrator.DisposeAsync();
        (_context.Configuration as IDisposable)?.Dispose();
    }
}
