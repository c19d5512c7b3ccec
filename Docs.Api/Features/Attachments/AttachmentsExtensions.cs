using Docs.Core.Attachments;
using Docs.Core.Blobs;

namespace Docs.Api.Features.Attachments;

public static class AttachmentsExtensions
{
    /// <summary>The blob store <c>ConnectionStrings:blobs</c> names (a local folder without one) and the <c>Media</c> settings.</summary>
    public static IHostApplicationBuilder AddAttachments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(BlobStores.Create(builder.Configuration.GetConnectionString(ResourceNames.Blobs)));
        builder.Services.AddOptions<MediaOptions>().Bind(builder.Configuration.GetSection(MediaOptions.Section));
        builder.Services.AddScoped<MediaAccess>();
        builder.Services.AddScoped<AttachmentScans>();
        builder.Services.AddSingleton<AttachmentCopies>();
        return builder;
    }
}
