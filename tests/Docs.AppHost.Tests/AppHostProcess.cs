using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Docs.Testing;

namespace Docs.AppHost.Tests;

/// <summary>The AppHost run as a developer runs it: its own process, its console read line by line.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDirectory;

    private AppHostProcess(Process process, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Output => [.. _output];

    public string AllOutput => string.Join('\n', _output);

    public string DataDirectory => _dataDirectory;

    /// <summary>The site's address (its port is this test's own).</summary>
    public Uri SiteUrl { get; private init; } = null!;

    /// <summary>
    /// Starts the AppHost built beside the tests (or <paramref name="executable"/>, such as the repository's
    /// <c>run.sh</c>, given <paramref name="arguments"/>), with its own data directory and web port.
    /// <paramref name="wrapper"/> runs before it (e.g. <c>env --default-signal=INT</c>).
    /// </summary>
    public static AppHostProcess Start(IDictionary<string, string>? environment = null, IReadOnlyList<string>? wrapper = null, string? executable = null, string? dataDirectory = null, IReadOnlyList<string>? arguments = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "docs-tests", "apphost-" + Guid.NewGuid().ToString("N")[..8]);
        executable ??= Path.Combine(AppContext.BaseDirectory, "Docs.AppHost");
        var startInfo = new ProcessStartInfo(wrapper is null ? executable : wrapper[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (wrapper?.Skip(1).Append(executable) ?? []).Concat(arguments ?? []))
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment["AppHost__DataDirectory"] = dataDirectory;
        var webPort = FreePort.Next();
        startInfo.Environment["web__Port"] = webPort.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["identity__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        // The launch profile's dashboard settings (run.sh's too), on ports of its own.
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort.Next()}";
        startInfo.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        startInfo.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort.Next()}";
        startInfo.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["NO_COLOR"] = "1";
        // With a dashboard, Aspire looks for a newer version of itself (`dotnet package search`): CPU and a
        // network the tests do not have.
        startInfo.Environment["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        var process = new Process { StartInfo = startInfo };
        var host = new AppHostProcess(process, dataDirectory) { SiteUrl = new Uri($"http://localhost:{webPort}/") };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { host._output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { host._output.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The AppHost exited ({_process.ExitCode}) before printing '{text}':\n{AllOutput}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The AppHost did not print '{text}' within {timeout}:\n{AllOutput}");
            }
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public void Signal(int signal) => Assert.Equal(0, Native.Kill(_process.Id, signal));

    /// <summary>Every process descended from the AppHost (postgres's own workers included), found through /proc.</summary>
    /// <summary>
    /// The AppHost's processes: its own descendants, and Aspire's orchestrator (DCP), which runs detached
    /// and is found by the AppHost it monitors, with everything it started.
    /// </summary>
    public IReadOnlyList<int> Descendants()
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in ProcessInfo.All())
        {
            if (ProcessInfo.Parent(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }
        var orchestrators = parents.Keys.Where(pid => ProcessInfo.CommandLine(pid).Contains($"--monitor {_process.Id} ", StringComparison.Ordinal));
        var found = new List<int>(orchestrators);
        var frontier = new Queue<int>([_process.Id, .. found]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (child, _) in parents.Where(entry => entry.Value == current))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }
        return found;
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Native.Kill(_process.Id, Native.SigTerm);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static partial class Native
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);
}
