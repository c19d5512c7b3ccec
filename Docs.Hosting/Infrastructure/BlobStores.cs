using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Infrastructure;

public static class BlobStores
{
    /// <summary>
    /// Where attachments live, as a connection string services reference (<c>ConnectionStrings__{name}</c>):
    /// the configured <c>ConnectionStrings:{name}</c> (a folder, or S3 settings), else a folder under the
    /// data directory, kept between runs.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddBlobStore(this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }
        var folder = new Uri(Path.Combine(builder.DataDirectory(), name)).AbsoluteUri;
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(
            builder.AddConnectionString(name, ReferenceExpression.Create($"{folder}")).Resource);
    }
}
