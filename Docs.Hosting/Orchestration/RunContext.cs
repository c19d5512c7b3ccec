using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Orchestration;

/// <summary>What the runners share during one run of the application.</summary>
internal sealed class RunContext(DistributedApplicationOptions options, IConfiguration configuration, ConsoleSink console)
{
    public DistributedApplicationOptions Options { get; } = options;

    public IConfiguration Configuration { get; } = configuration;

    public ConsoleSink Console { get; } = console;

    public string DataDirectory { get; } = options.DataDirectory;

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public ProcessTable Processes { get; } = new(Path.Combine(options.DataDirectory, "run"));

    /// <summary>Short HTTP probes for health checks; never the services' own clients.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(3) };
}
