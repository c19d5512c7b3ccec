using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Docs.Api.Features.Content;
using Docs.Api.Features.Content.Pdf;
using Docs.Content.Html;
using Docs.Content.Markdown;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Docs.Content.Bench;

/// <summary>
/// "pdf [repeat]": the PDF export of a document of about 100 A4 pages (headings, paragraphs with styles,
/// lists, tables), printed by the API's own renderer with the machine's Chromium: the first PDF (the
/// browser starts) and the median of <c>repeat</c> more (the browser reused, as the service does).
/// </summary>
public static partial class PdfBench
{
    public static async Task<int> RunAsync(int repeat)
    {
        var blocks = MarkdownImporter.ToBlocks(Document());
        var clock = Stopwatch.StartNew();
        var html = HtmlExporter.ToPage(blocks, "A hundred pages");
        var toHtml = clock.Elapsed;
        await using var renderer = new PdfRenderer(Options.Create(new ContentOptions()), NullLogger<PdfRenderer>.Instance);
        clock.Restart();
        var pdf = await renderer.RenderAsync(html, PaperSize.A4, (_, _) => Task.FromResult<(byte[], string)?>(null), CancellationToken.None);
        var first = clock.Elapsed;
        var warm = new List<TimeSpan>();
        for (var i = 0; i < repeat; i++)
        {
            clock.Restart();
            pdf = await renderer.RenderAsync(html, PaperSize.A4, (_, _) => Task.FromResult<(byte[], string)?>(null), CancellationToken.None);
            warm.Add(clock.Elapsed);
        }
        warm.Sort();
        var pages = PageObject().Count(Encoding.Latin1.GetString(pdf));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PDF export: {blocks.Count} blocks, {html.Length:N0} chars of HTML ({toHtml.TotalMilliseconds:F0} ms), {pages} A4 pages, {pdf.Length:N0} bytes; " +
            $"first (browser start included) {first.TotalSeconds:F2} s, warm median of {repeat} {warm[warm.Count / 2].TotalSeconds:F2} s"));
        return 0;
    }

    /// <summary>About 100 A4 pages of text: 100 sections of a heading, paragraphs, a list and a table.</summary>
    private static string Document()
    {
        var markdown = new StringBuilder();
        for (var section = 1; section <= 100; section++)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"## Section {section}\n\n");
            for (var paragraph = 0; paragraph < 5; paragraph++)
            {
                markdown.Append("The **quick** brown fox jumps over the *lazy* dog while the committee reviews the quarterly figures, ")
                    .Append("and every [reference](https://example.org) is checked twice before the report goes out to the readers. ")
                    .Append("Budgets, timelines and risks are discussed in turn, with notes kept for those who could not attend.\n\n");
            }
            markdown.Append("- first point\n- second point\n  - a nested detail\n- third point\n\n");
            markdown.Append("| Item | Owner | Due |\n| --- | --- | --- |\n| Draft | Ann | Monday |\n| Review | Bob | Friday |\n\n");
        }
        return markdown.ToString();
    }

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();
}
