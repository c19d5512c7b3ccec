using System.Diagnostics;
using Docs.Hosting.Infrastructure;

namespace Docs.Hosting.Orchestration;

/// <summary>How a child process is launched.</summary>
internal sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    int StopSignal = Posix.SigTerm,
    string? RunAsUser = null);

/// <summary>
/// A child process in a session of its own (so a terminal's Ctrl+C reaches only the AppHost, which then
/// stops children in order), with its output sent line by line to its resource log.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int StopSignal { get; }

    private ManagedProcess(Process process, int stopSignal)
    {
        _process = process;
        StopSignal = stopSignal;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public static ManagedProcess Start(ProcessSpec spec, ResourceLog log)
    {
        // setsid and setpriv exec in place: the PID we hold is the program's own.
        var command = new List<string>();
        if (spec.RunAsUser is not null)
        {
            command.AddRange(["setpriv", $"--reuid={spec.RunAsUser}", $"--regid={spec.RunAsUser}", "--init-groups", "--"]);
        }
        command.Add(spec.FileName);
        command.AddRange(spec.Arguments);

        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, spec.StopSignal);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Write(e.Data); } };
        process.Exited += (_, _) =>
        {
            // Let the output readers drain before reporting the exit.
            process.WaitForExit();
            managed._exited.TrySetResult(process.ExitCode);
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Asks the process to stop with its own signal, then kills it after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }
        Posix.Signal(_process.Id, StopSignal);
        if (await Task.WhenAny(_exited.Task, Task.Delay(grace)) != _exited.Task)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            await ((Task)_exited.Task.WaitAsync(TimeSpan.FromSeconds(5))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _process.Dispose();
    }
}
