using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// Runs the model: checks prerequisites, allocates ports, starts each resource once what it waits for is
/// healthy, reports every change of state and any death (with the end of its log), and stops everything
/// in reverse dependency order.
/// </summary>
internal sealed class Orchestrator : IAsyncDisposable
{
    private const int TailLines = 20;
    private readonly RunContext _context;
    private readonly ResourceNotificationService _notifications;
    private readonly IReadOnlyList<ResourceRunner> _runners;
    private readonly ConcurrentDictionary<string, ManagedProcess> _processes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceLog> _logs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Process? _watchdog;
    private Task<bool[]>? _started;

    public Orchestrator(IReadOnlyList<Resource> resources, RunContext context, ResourceNotificationService notifications)
    {
        _context = context;
        _notifications = notifications;
        _runners = [.. resources.Select(CreateRunner)];
        _notifications.StateChanged += Announce;
    }

    private static ResourceRunner CreateRunner(Resource resource) => resource switch
    {
        ParameterResource parameter => new ParameterRunner(parameter),
        PostgresServerResource server => new PostgresRunner(server),
        PostgresDatabaseResource database => new PostgresDatabaseRunner(database),
        RedisResource redis => new RedisRunner(redis),
        ProjectResource project => new ProjectRunner(project),
        _ => throw new NotSupportedException($"No runner for {resource.GetType().Name} '{resource.Name}'."),
    };

    public TimeSpan StartupTime { get; private set; }

    /// <summary>Whether any process was launched (false when start-up failed before, e.g. on a taken port).</summary>
    public bool StartedAnyProcess => !_processes.IsEmpty;

    /// <summary>Starts everything; returns once all is healthy, or throws saying what failed and why.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var missing = new List<string>();
        foreach (var runner in _runners)
        {
            try
            {
                runner.CheckPrerequisites(_context);
            }
            catch (MissingPrerequisiteException ex)
            {
                missing.Add(ex.Message);
            }
        }
        if (missing.Count > 0)
        {
            throw new MissingPrerequisiteException(string.Join("\n\n", missing.Distinct()));
        }

        foreach (var leftover in await _context.Processes.StopLeftoversAsync(TimeSpan.FromSeconds(15)))
        {
            _context.Console.Announce($"stopped '{leftover}' left running by an earlier AppHost");
        }
        foreach (var runner in _runners)
        {
            runner.ReserveConfiguredPorts(_context);
        }
        foreach (var runner in _runners)
        {
            runner.AllocateEndpoints(_context);
            if (runner.IsVisible)
            {
                _context.Console.Register(runner.Resource.Name);
                _logs[runner.Resource.Name] = new ResourceLog(runner.Resource.Name, _context.LogDirectory, _context.Console);
            }
        }
        StartWatchdog();

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        _started = Task.WhenAll(_runners.Select(runner => RunAsync(runner, linked.Token)));
        var healthy = await _started;
        StartupTime = clock.Elapsed;
        var failed = _runners.Where((runner, index) => !healthy[index]).Select(runner => runner.Resource.Name).ToList();
        if (failed.Count > 0)
        {
            // The causes first, with their logs; then what was not started because of them.
            var causes = failed.Where(name => _notifications.GetState(name) != ResourceState.NotStarted).ToList();
            var skipped = failed.Except(causes).ToList();
            throw new DistributedApplicationException(
                $"Not every resource became healthy. Failed: {string.Join(", ", causes)}." +
                (skipped.Count > 0 ? $" Not started, as they wait for those: {string.Join(", ", skipped)}." : "") +
                "\n" + string.Join('\n', causes.Select(Report)));
        }
    }

    private async Task<bool> RunAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        var resource = runner.Resource;
        if (!runner.IsVisible)
        {
            _notifications.Publish(resource.Name, ResourceState.Healthy);
            return true;
        }
        var log = _logs[resource.Name];
        if (resource.WaitsFor.Count > 0)
        {
            _notifications.Publish(resource.Name, ResourceState.Waiting, "for " + string.Join(", ", resource.WaitsFor.Select(r => r.Name)));
        }
        foreach (var dependency in resource.WaitsFor)
        {
            try
            {
                await _notifications.HealthyTask(dependency.Name).WaitAsync(cancellationToken);
            }
            catch (DistributedApplicationException)
            {
                _notifications.Publish(resource.Name, ResourceState.NotStarted, $"waits for '{dependency.Name}', which is not healthy");
                return false;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        _notifications.Publish(resource.Name, ResourceState.Starting);
        var clock = Stopwatch.StartNew();
        ManagedProcess? process;
        try
        {
            process = await runner.StartAsync(_context, log, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Write(ex.Message);
            _notifications.Publish(resource.Name, ResourceState.FailedToStart, ex.Message);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        if (process is not null)
        {
            _processes[resource.Name] = process;
            _context.Processes.Record(resource.Name, process, process.StopSignal);
            _notifications.Publish(resource.Name, ResourceState.Running, $"pid {process.Id}");
            _ = WatchExitAsync(resource, process);
        }

        var deadline = DateTime.UtcNow + _context.Options.StartupTimeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (process?.Exited.IsCompleted == true)
            {
                return false;
            }
            try
            {
                if (await runner.IsHealthyAsync(_context, cancellationToken))
                {
                    _notifications.Publish(resource.Name, ResourceState.Healthy,
                        string.Create(CultureInfo.InvariantCulture, $"in {clock.Elapsed.TotalSeconds:0.0} s"));
                    return true;
                }
            }
            catch (DistributedApplicationException ex)
            {
                log.Write(ex.Message);
                _notifications.Publish(resource.Name, ResourceState.FailedToStart, ex.Message);
                return false;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            if (DateTime.UtcNow > deadline)
            {
                _notifications.Publish(resource.Name, ResourceState.FailedToStart,
                    $"not healthy after {_context.Options.StartupTimeout.TotalSeconds:0} s");
                return false;
            }
            var pause = Task.Delay(150, CancellationToken.None);
            await (process is null ? pause : Task.WhenAny(pause, process.Exited));
        }
        return false;
    }

    private async Task WatchExitAsync(Resource resource, ManagedProcess process)
    {
        var code = await process.Exited;
        _context.Processes.Forget(resource.Name);
        if (_stopping.IsCancellationRequested)
        {
            return; // Reported by the stop itself, in dependency order.
        }
        // Still registered: it exited on its own, not through a stop or restart.
        var crashed = _processes.TryRemove(new KeyValuePair<string, ManagedProcess>(resource.Name, process));
        _notifications.Publish(resource.Name, ResourceState.Exited, $"exit code {code}");
        _context.Console.Announce(Report(resource.Name));
        if (crashed && resource is ProjectResource { RestartOnExit: true })
        {
            await process.DisposeAsync();
            await RestartAfterCrashAsync(resource);
        }
    }

    private readonly ConcurrentDictionary<string, List<DateTime>> _crashes = new(StringComparer.Ordinal);

    /// <summary>Starts a crashed project again: at once after a first crash, then after 1, 2, 4… up to 30 s while it keeps crashing.</summary>
    private async Task RestartAfterCrashAsync(Resource resource)
    {
        var crashes = _crashes.GetOrAdd(resource.Name, _ => []);
        int recent;
        lock (crashes)
        {
            crashes.Add(DateTime.UtcNow);
            crashes.RemoveAll(at => at < DateTime.UtcNow - TimeSpan.FromMinutes(5));
            recent = crashes.Count;
        }
        var pause = recent <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, recent - 2)));
        _context.Console.Announce($"restarting '{resource.Name}'{(pause > TimeSpan.Zero ? $" in {pause.TotalSeconds:0} s" : "")}");
        try
        {
            await Task.Delay(pause, _stopping.Token);
            await RunAsync(Runner(resource.Name), _stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Report(string resource)
    {
        if (!_logs.TryGetValue(resource, out var log))
        {
            return $"{resource}: no output.";
        }
        var tail = log.Tail(TailLines);
        return tail.Count == 0
            ? $"{resource}: no output (log: {Path.Combine(_context.LogDirectory, resource + ".log")})."
            : $"{resource}: last {tail.Count} lines of {Path.Combine(_context.LogDirectory, resource + ".log")}:\n    " + string.Join("\n    ", tail);
    }

    private void Announce(ResourceEvent change)
    {
        if (_logs.ContainsKey(change.Resource))
        {
            _context.Console.Announce($"{change.Resource,-12} {change.State}{(change.Detail is null ? "" : " (" + change.Detail + ")")}");
        }
    }

    /// <summary>
    /// A small shell process that outlives us only to stop our children if we are killed outright
    /// (SIGKILL leaves no chance to clean up). On a normal stop it is killed last.
    /// </summary>
    private void StartWatchdog()
    {
        const string Script = """
            running() { [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]; }
            while running "$1"; do sleep 1; done
            for round in 1 2; do
              for f in "$2"/*.pid; do
                [ -f "$f" ] || continue
                read pid start signal < "$f"
                [ "$round" = 2 ] && signal=9
                running "$pid" && [ "$(cut -d' ' -f22 /proc/$pid/stat 2>/dev/null)" = "$start" ] && kill -"$signal" "$pid"
              done
              [ "$round" = 1 ] && sleep 15
            done
            rm -f "$2"/*.pid
            """;
        Directory.CreateDirectory(_context.Processes.Directory);
        // Its own pipes (never read; it prints nothing), so it holds none of ours open after we die.
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "sh", "-c", Script, "docs-apphost-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _context.Processes.Directory })
        {
            startInfo.ArgumentList.Add(argument);
        }
        _watchdog = Process.Start(startInfo);
    }

    /// <summary>Stops every process, each after the resources that depend on it.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }
        await _stopping.CancelAsync();
        if (_started is not null)
        {
            await ((Task)_started).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var stops = new Dictionary<Resource, Task>();
        Task StopInOrder(ResourceRunner runner)
        {
            if (!stops.TryGetValue(runner.Resource, out var task))
            {
                var dependents = _runners.Where(other => other.Resource.WaitsFor.Contains(runner.Resource) || other.Resource.References.Contains(runner.Resource));
                task = StopOneAsync(runner, [.. dependents.Select(StopInOrder)]);
                stops[runner.Resource] = task;
            }
            return task;
        }
        await Task.WhenAll(_runners.Select(StopInOrder));

        if (_watchdog is { HasExited: false })
        {
            _watchdog.Kill(entireProcessTree: true);
        }
        _watchdog?.Dispose();
    }

    private async Task StopOneAsync(ResourceRunner runner, Task[] dependents)
    {
        await Task.WhenAll(dependents);
        if (!_processes.TryRemove(runner.Resource.Name, out var process))
        {
            return;
        }
        if (!process.Exited.IsCompleted)
        {
            _notifications.Publish(runner.Resource.Name, ResourceState.Stopping);
            await process.StopAsync(runner.StopGrace);
            _notifications.Publish(runner.Resource.Name, ResourceState.Stopped,
                process.Exited.IsCompletedSuccessfully ? $"exit code {process.Exited.Result}" : "did not exit, even when killed");
        }
        await process.DisposeAsync();
    }

    /// <summary>
    /// Stops one project (gracefully, or with SIGKILL as a crash would) and starts it again on the same
    /// port, returning once it is healthy: for tests of crash recovery and for operators.
    /// </summary>
    public async Task RestartAsync(string name, bool kill)
    {
        await StopResourceAsync(name, kill);
        await StartResourceAsync(name);
    }

    /// <summary>Stops one project; being stopped on purpose, it is not restarted (see <see cref="WatchExitAsync"/>).</summary>
    public async Task StopResourceAsync(string name, bool kill)
    {
        var runner = Runner(name);
        if (!_processes.TryRemove(name, out var process))
        {
            return;
        }
        if (kill)
        {
            Infrastructure.Posix.Signal(process.Id, Infrastructure.Posix.SigKill);
            await ((Task)process.Exited.WaitAsync(TimeSpan.FromSeconds(10))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        else
        {
            await process.StopAsync(runner.StopGrace);
        }
        await process.DisposeAsync();
        _notifications.Publish(name, ResourceState.Stopped, kill ? "killed" : null);
    }

    public async Task StartResourceAsync(string name)
    {
        if (!await RunAsync(Runner(name), _stopping.Token))
        {
            throw new DistributedApplicationException($"'{name}' did not become healthy again.\n{Report(name)}");
        }
    }

    private ResourceRunner Runner(string name) =>
        _runners.SingleOrDefault(r => r.Resource.Name == name) ?? throw new ArgumentException($"No resource named '{name}'.", nameof(name));

    /// <summary>The process id of a running project or server, for tools that sample it.</summary>
    public int? ProcessId(string name) => _processes.TryGetValue(name, out var process) ? process.Id : null;

    /// <summary>Kills every child at once: for a forced exit, when waiting is not wanted.</summary>
    public void Kill()
    {
        foreach (var process in _processes.Values)
        {
            Infrastructure.Posix.Signal(process.Id, Infrastructure.Posix.SigKill);
        }
        _context.Processes.Clear();
        if (_watchdog is { HasExited: false })
        {
            _watchdog.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
        _stopping.Dispose();
        _context.Http.Dispose();
    }
}
