namespace Docs.Hosting;

/// <summary>References, waits and environment: how resources are wired together.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Do not start this resource before <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }
        return builder;
    }

    /// <summary>Gives the resource <c>ConnectionStrings__{name}</c> of a database or cache.</summary>
    public static IResourceBuilder<T> WithReference<T, TSource>(this IResourceBuilder<T> builder, IResourceBuilder<TSource> source)
        where T : Resource
        where TSource : Resource, IResourceWithConnectionString
    {
        var target = source.Resource;
        builder.Resource.References.Add(target);
        builder.Resource.Environment[$"ConnectionStrings__{target.Name}"] = () => target.ConnectionString;
        return builder;
    }

    /// <summary>Gives the resource <c>services__{name}__http__0</c>, read by service discovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> service)
        where T : Resource
    {
        var target = service.Resource;
        builder.Resource.References.Add(target);
        builder.Resource.Environment[$"services__{target.Name}__http__0"] = () => target.HttpEndpoint.UrlString;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = () => value;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string> value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : Resource
    {
        builder.Resource.Environment[name] = () => parameter.Resource.Value;
        return builder;
    }

    /// <summary>Gives the URL of another service's endpoint, with a path, under a name of the caller's choosing.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpoint, string path = "")
        where T : Resource
    {
        builder.Resource.Environment[name] = () => endpoint.UrlString + path;
        return builder;
    }

    /// <summary>Adds a line to the start-up summary, computed once everything is healthy.</summary>
    public static IResourceBuilder<T> WithSummary<T>(this IResourceBuilder<T> builder, Func<string> line)
        where T : Resource
    {
        builder.Resource.SummaryLines.Add(line);
        return builder;
    }
}
