using System.Runtime.InteropServices;

namespace Docs.Hosting.Infrastructure;

/// <summary>The few libc calls the local servers need: a signal, whether a process runs, and who we run as.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserIdNative();

    /// <summary>Sends a signal; false when the process is gone.</summary>
    public static bool Signal(int pid, int signal) => KillNative(pid, signal) == 0;

    /// <summary>
    /// Whether the process runs. A zombie (exited, not yet reaped, as happens under a container's
    /// init that reaps nothing) does not count, though it still answers signal 0.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserIdNative() == 0;

    /// <summary>Finds a program the way a shell would: an absolute path, or a name on PATH.</summary>
    public static string? Which(string program, string? pathVariable = null)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }
        var path = pathVariable ?? System.Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
    }
}
