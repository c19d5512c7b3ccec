namespace Docs.Hosting;

public static class ProjectResourceExtensions
{
    /// <summary>Adds a service project whose metadata the AppHost's build generated (<c>Projects.*</c>).</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>Serves on a fixed port on every interface's name <c>localhost</c>, unless the options randomise ports (tests).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.HttpEndpoint.FixedPort = port;
        builder.Resource.HttpEndpoint.Host = "localhost";
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithHealthCheckPath(this IResourceBuilder<ProjectResource> builder, string path)
    {
        builder.Resource.HealthCheckPath = path;
        return builder;
    }

    /// <summary>
    /// Marks the site that people open: the summary leads with its URL, and published, it serves the
    /// public URL (<c>Publish:BaseUrl</c>) and every path no other service claims.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsEntryPoint(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsEntryPoint = true;
        builder.Resource.HttpEndpoint.IsExternal = true;
        return builder;
    }

    /// <summary>
    /// Published, requests for <paramref name="path"/> on the public URL go straight to this service
    /// (the Ingress routes them); <paramref name="longLived"/> connections (WebSockets) get long timeouts.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicPath(this IResourceBuilder<ProjectResource> builder, string path, bool longLived = false)
    {
        builder.Resource.PublicPaths.Add(new PublicPath(path, longLived));
        return builder;
    }

    /// <summary>How many copies run when published; running, the AppHost starts one process per resource.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        builder.Resource.Replicas = Math.Max(1, replicas);
        return builder;
    }

    /// <summary>
    /// Running, a process that exits on its own (a crash) is started again, after a pause that grows with
    /// repeated crashes; published, the orchestrator restarts it (Kubernetes, Compose's <c>restart</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRestartOnExit(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.RestartOnExit = true;
        return builder;
    }
}
