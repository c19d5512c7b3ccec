using Docs.Hosting.Infrastructure;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// Runs a service from the AppHost's build output (<c>dotnet exec</c>, no rebuild) with the environment
/// contract of Aspire; healthy once its health endpoint answers 200.
/// </summary>
internal sealed class ProjectRunner(ProjectResource project) : ResourceRunner(project)
{
    private string _dotnet = "dotnet";

    public override void CheckPrerequisites(RunContext context)
    {
        _dotnet = Prerequisites.FindDotnet();
        if (!File.Exists(project.Metadata.TargetPath))
        {
            throw new MissingPrerequisiteException(
                $"'{project.Name}' has not been built: {project.Metadata.TargetPath} does not exist. Build the AppHost first: dotnet build Docs.AppHost");
        }
    }

    private int? ConfiguredPort(RunContext context) => context.Options.RandomizePorts ? null : project.HttpEndpoint.FixedPort;

    public override void ReserveConfiguredPorts(RunContext context)
    {
        if (ConfiguredPort(context) is { } port)
        {
            PortAllocator.Reserve(port);
        }
    }

    public override void AllocateEndpoints(RunContext context)
    {
        var endpoint = project.HttpEndpoint;
        if (ConfiguredPort(context) is { } port)
        {
            if (!PortAllocator.IsFree(port))
            {
                throw new DistributedApplicationException(
                    $"Port {port} for '{project.Name}' is in use by another program. Stop it, or choose another port (AppHost setting {project.Name}:Port, e.g. --{project.Name}:Port=8081).");
            }
            endpoint.AllocatedPort = port;
        }
        else
        {
            endpoint.Host = "127.0.0.1";
            endpoint.AllocatedPort = PortAllocator.Allocate();
        }
    }

    public override Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = project.HttpEndpoint.UrlString,
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{Guid.NewGuid():N}",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
            // Lets the service stop itself if the AppHost dies without stopping it (kill -9).
            ["DOCS_APPHOST_PID"] = System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var otlp = context.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = context.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc";
        }
        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value.Resolve();
        }

        var spec = new ProcessSpec(
            _dotnet,
            ["exec", project.Metadata.TargetPath],
            environment,
            WorkingDirectory: Path.GetDirectoryName(project.Metadata.ProjectPath)!);
        return Task.FromResult<ManagedProcess?>(ManagedProcess.Start(spec, log));
    }

    public override async Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await context.Http.GetAsync(new Uri(project.HttpEndpoint.Url, project.HealthCheckPath), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
