using System.Globalization;
using Docs.Hosting.Infrastructure;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// Records every child under <c>{data}/run/</c> so that, when an AppHost was killed outright, the next
/// one stops what it left behind before starting anew (and a watchdog does so as soon as it dies).
/// </summary>
internal sealed class ProcessTable(string directory)
{
    public string Directory { get; } = directory;

    public void Record(string name, ManagedProcess process, int stopSignal)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var start = Posix.StartTime(process.Id);
        File.WriteAllText(Path.Combine(Directory, $"{name}.pid"),
            string.Create(CultureInfo.InvariantCulture, $"{process.Id} {start} {stopSignal}\n"));
    }

    public void Forget(string name) => File.Delete(Path.Combine(Directory, $"{name}.pid"));

    public void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var file in System.IO.Directory.GetFiles(Directory, "*.pid"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Stops processes recorded by an earlier AppHost that are still running; returns their names.</summary>
    public async Task<IReadOnlyList<string>> StopLeftoversAsync(TimeSpan grace)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var stopped = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.pid"))
        {
            var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 3
                && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var signal)
                && Posix.StartTime(pid) == start)
            {
                Posix.Signal(pid, signal);
                var deadline = DateTime.UtcNow + grace;
                while (Posix.IsRunning(pid) && Posix.StartTime(pid) == start && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
                if (Posix.IsRunning(pid) && Posix.StartTime(pid) == start)
                {
                    Posix.Signal(pid, Posix.SigKill);
                }
                stopped.Add(Path.GetFileNameWithoutExtension(file));
            }
            File.Delete(file);
        }
        return stopped;
    }
}
