using Docs.Api.Features.Content.Import;
using Docs.Api.Features.Content.Pdf;
using Docs.Api.Features.Content.Tree;

namespace Docs.Api.Features.Content;

public static class ContentExtensions
{
    /// <summary>Exports (one page, a page with its sub-pages, PDF through the one browser) and imports, with the <c>Content</c> settings.</summary>
    public static IHostApplicationBuilder AddContentExports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ContentOptions>().Bind(builder.Configuration.GetSection(ContentOptions.Section));
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddScoped<PageExporter>();
        builder.Services.AddScoped<TreeExporter>();
        builder.Services.AddScoped<DocumentImporter>();
        return builder;
    }
}
