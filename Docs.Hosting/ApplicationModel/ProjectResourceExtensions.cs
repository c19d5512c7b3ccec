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

    /// <summary>Marks the site that people open: the summary leads with its URL.</summary>
    public static IResourceBuilder<ProjectResource> AsEntryPoint(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.IsEntryPoint = true;
        return builder;
    }
}
