using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Infrastructure;

public static class BlobStores
{
    /// <summary>Where a published service mounts the shared blob volume.</summary>
    public const string PublishedFolder = "/data/blobs";

    /// <summary>
    /// Where attachments live, as a connection string services reference (<c>ConnectionStrings__{name}</c>):
    /// the configured <c>ConnectionStrings:{name}</c> (a folder, or S3 settings: published, a secret), else a folder
    /// under the data directory, kept between runs — published, a volume shared by the services that reference it.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddBlobStore(this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.CreateResourceBuilder<IResourceWithConnectionString>(
                builder.AddConnectionString(name, ReferenceExpression.Create($"file://{PublishedFolder}"))
                    .WithAnnotation(new SharedVolumeAnnotation(name, PublishedFolder)).Resource);
        }
        var folder = new Uri(Path.Combine(builder.DataDirectory(), name)).AbsoluteUri;
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(
            builder.AddConnectionString(name, ReferenceExpression.Create($"{folder}")).Resource);
    }
}
