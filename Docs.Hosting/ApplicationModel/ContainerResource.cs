namespace Docs.Hosting;

/// <summary>
/// A container image (Keycloak). Published only: no container engine runs here, so the AppHost adds
/// containers to the model in publish mode and refuses to run one.
/// </summary>
public sealed class ContainerResource(string name, string image) : Resource(name), IResourceWithEndpoints
{
    /// <summary>The full image reference, registry and tag included.</summary>
    public string Image { get; } = image;

    public List<string> Args { get; } = [];

    /// <summary>Set by <see cref="ContainerResourceExtensions.WithHttpEndpoint"/>.</summary>
    public EndpointReference HttpEndpoint { get; internal set; } = null!;

    /// <summary>Directories of the repository mounted read-only into the container.</summary>
    public List<ContainerMount> Mounts { get; } = [];

    /// <summary>Readiness and liveness, as paths on <see cref="HealthPort"/>.</summary>
    public string ReadinessPath { get; internal set; } = "/health";

    public string LivenessPath { get; internal set; } = "/health";

    public int? HealthPort { get; internal set; }

    /// <summary>The user the image runs as (non-root).</summary>
    public long RunAsUser { get; internal set; } = 1000;
}

/// <summary>A directory (relative to the AppHost project) mounted into a container.</summary>
public sealed record ContainerMount(string Source, string Target);

public static class ContainerResourceExtensions
{
    public static IResourceBuilder<ContainerResource> AddContainer(this IDistributedApplicationBuilder builder, string name, string image)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            throw new DistributedApplicationException(
                $"'{name}' is a container ({image}); this AppHost runs no containers, it only publishes them. Add it to the model in publish mode.");
        }
        return builder.AddResource(new ContainerResource(name, image));
    }

    /// <summary>An HTTP endpoint on <paramref name="targetPort"/>; <paramref name="port"/> is the host port when published with Compose.</summary>
    public static IResourceBuilder<ContainerResource> WithHttpEndpoint(this IResourceBuilder<ContainerResource> builder, int targetPort, int? port = null)
    {
        builder.Resource.HttpEndpoint = new EndpointReference(builder.Resource, "http", targetPort, port);
        return builder;
    }

    public static IResourceBuilder<ContainerResource> WithArgs(this IResourceBuilder<ContainerResource> builder, params string[] args)
    {
        builder.Resource.Args.AddRange(args);
        return builder;
    }

    public static IResourceBuilder<ContainerResource> WithMount(this IResourceBuilder<ContainerResource> builder, string source, string target)
    {
        builder.Resource.Mounts.Add(new ContainerMount(source, target));
        return builder;
    }

    public static IResourceBuilder<ContainerResource> WithHealthProbes(this IResourceBuilder<ContainerResource> builder, string readiness, string liveness, int? port = null)
    {
        builder.Resource.ReadinessPath = readiness;
        builder.Resource.LivenessPath = liveness;
        builder.Resource.HealthPort = port;
        return builder;
    }

    public static IResourceBuilder<ContainerResource> RunAsUser(this IResourceBuilder<ContainerResource> builder, long user)
    {
        builder.Resource.RunAsUser = user;
        return builder;
    }
}
