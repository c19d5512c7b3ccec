using Markdig;

namespace Docs.Content.Tests.Markdown;

/// <summary>How a CommonMark + GFM reader (Markdig, with pipe tables, task lists and strikethrough) renders Markdown.</summary>
public static class CommonMark
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    public static string ToHtml(string markdown) => Markdig.Markdown.ToHtml(markdown, Pipeline).Trim();
}
