namespace Docs.Hosting;

/// <summary>What the AppHost's build generates for each referenced service project.</summary>
public interface IProjectMetadata
{
    /// <summary>The service's .csproj.</summary>
    string ProjectPath { get; }

    /// <summary>The assembly that the AppHost's build produced for it.</summary>
    string TargetPath { get; }
}

/// <summary>A .NET service run from its build output with the environment contract of Aspire.</summary>
public sealed class ProjectResource : Resource, IResourceWithEndpoints
{
    internal ProjectResource(string name, IProjectMetadata metadata) : base(name)
    {
        Metadata = metadata;
        HttpEndpoint = new EndpointReference(this, "http", ContainerPort);
    }

    /// <summary>The port .NET container images listen on (<c>ASPNETCORE_HTTP_PORTS</c>).</summary>
    public const int ContainerPort = 8080;

    public IProjectMetadata Metadata { get; }

    /// <summary>How many copies run when published (running, one process per resource).</summary>
    public int Replicas { get; internal set; } = 1;

    public EndpointReference HttpEndpoint { get; }

    /// <summary>The path probed for readiness.</summary>
    public string HealthCheckPath { get; internal set; } = "/health";

    /// <summary>Whether this is the site that people open; the summary leads with its URL.</summary>
    public bool IsEntryPoint { get; internal set; }

    /// <summary>Whether a running process that exits on its own is started again (<see cref="ProjectResourceExtensions.WithRestartOnExit"/>).</summary>
    public bool RestartOnExit { get; internal set; }

    /// <summary>Paths of the public URL routed straight to this service when published.</summary>
    public List<PublicPath> PublicPaths { get; } = [];
}

/// <summary>A path prefix of the public URL served by one service.</summary>
public sealed record PublicPath(string Path, bool LongLived);
