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
        HttpEndpoint = new EndpointReference(this, fixedPort: null);
    }

    public IProjectMetadata Metadata { get; }

    public EndpointReference HttpEndpoint { get; }

    /// <summary>The path probed for readiness.</summary>
    public string HealthCheckPath { get; internal set; } = "/health";

    /// <summary>Whether this is the site that people open; the summary leads with its URL.</summary>
    public bool IsEntryPoint { get; internal set; }
}
