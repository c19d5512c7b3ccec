using System.Runtime.InteropServices;

namespace Docs.Hosting.Infrastructure;

/// <summary>The few libc calls the orchestrator needs: signals other than SIGKILL, and who we run as.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

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

    /// <summary>
    /// The kernel's start time of a process (field 22 of /proc/PID/stat), so that a recorded PID is
    /// not confused with an unrelated process that reused it.
    /// </summary>
    public static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

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
