namespace Docs.Hosting;

/// <summary>Fluent access to a resource of the model, as in Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    T Resource { get; }

    IDistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, IDistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : Resource
{
    public T Resource { get; } = resource;

    public IDistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
