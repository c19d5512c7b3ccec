using System.Globalization;

namespace Docs.Testing;

/// <summary>What /proc says of the machine's processes, for tests that find and watch a stack's processes.</summary>
public static class ProcessInfo
{
    /// <summary>The running processes' ids.</summary>
    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);

    /// <summary>The parent of a process, or null when it is gone (or a zombie: exited, only not reaped).</summary>
    public static int? Parent(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsRunning(int pid) => Parent(pid) is not null;

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Whether the process's environment holds <paramref name="variable"/> (<c>NAME=value</c>); false when it cannot be read.</summary>
    public static bool HasEnvironment(int pid, string variable)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(variable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
