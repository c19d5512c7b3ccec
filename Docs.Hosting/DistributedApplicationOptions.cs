namespace Docs.Hosting;

/// <summary>How a run of the application behaves; the test builder changes these.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Where managed servers keep their data, logs and generated secrets: <c>.data/</c> at the repository root by default.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Every endpoint on a random free port, fixed ones included (tests run side by side).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Data that is thrown away afterwards: servers skip durability work (fsync, append-only file).</summary>
    public bool EphemeralData { get; set; }

    /// <summary>Whether resource output and states go to the console.</summary>
    public bool WriteToConsole { get; set; } = true;

    /// <summary>Receives every line of every resource's output (and the AppHost's own, as "apphost").</summary>
    public Action<string, string>? LogSink { get; set; }

    public string EnvironmentName { get; set; } = "Development";

    /// <summary>How long a resource may take from start to healthy.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
