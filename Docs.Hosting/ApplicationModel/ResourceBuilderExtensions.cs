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
        builder.Resource.Environment[$"ConnectionStrings__{target.Name}"] = ReferenceExpression.Create($"{target}");
        return builder;
    }

    /// <summary>Gives the resource <c>services__{name}__http__0</c>, read by service discovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> service)
        where T : Resource
    {
        var target = service.Resource;
        builder.Resource.References.Add(target);
        builder.Resource.Environment[$"services__{target.Name}__http__0"] = ReferenceExpression.Create($"{target.HttpEndpoint}");
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = ReferenceExpression.Literal(value);
        return builder;
    }

    /// <summary>A value made of text and references: <c>$"{endpoint}/realms/{realm}"</c>.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, ReferenceExpression value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : Resource
    {
        builder.Resource.Environment[name] = ReferenceExpression.Create($"{parameter}");
        return builder;
    }

    /// <summary>Gives the URL of another service's endpoint, with a path, under a name of the caller's choosing.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, EndpointReference endpoint, string path = "")
        where T : Resource
    {
        builder.Resource.Environment[name] = ReferenceExpression.Create($"{endpoint}{path}");
        return builder;
    }

    /// <summary>
    /// A setting from the AppHost's configuration. One whose name says it is a secret (password, secret,
    /// token, key) becomes a secret parameter, so publishing puts it in a Secret, never in plain settings.
    /// </summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        if (!SecretNames.IsMatch(name))
        {
            return builder.WithEnvironment(name, value);
        }
        var parameterName = $"{builder.Resource.Name}-{string.Join('-', name.Split("__").Select(part => part.ToLowerInvariant()))}";
        var parameter = builder.ApplicationBuilder.AddResource(new ParameterResource(parameterName, secret: true, valueFactory: null) { ConfiguredValue = value });
        return builder.WithEnvironment(name, parameter);
    }

    private static readonly System.Text.RegularExpressions.Regex SecretNames = new(
        "(password|secret|token|apikey|api_key|accesskey|privatekey)[^_]*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Browsers reach this endpoint: published, it is served on a public URL (see <c>PublicUrls</c>).</summary>
    public static IResourceBuilder<T> WithExternalHttpEndpoints<T>(this IResourceBuilder<T> builder)
        where T : Resource, IResourceWithEndpoints
    {
        builder.Resource.HttpEndpoint.IsExternal = true;
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
