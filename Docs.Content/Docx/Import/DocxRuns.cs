using System.Text;
using Docs.Content.Blocks;
using Styles = Docs.Content.Blocks.Styles;
using TableCell = Docs.Content.Blocks.TableCell;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace Docs.Content.Docx.Import;

/// <summary>A paragraph's text as inline nodes (bold, italic, underline, strike, code from a monospace font; links), and the pictures it shows.</summary>
internal sealed class DocxRuns(MainDocumentPart main, List<ImportedPicture> pictures)
{
    private const long MaxPictureBytes = 20L * 1024 * 1024;

    public (List<InlineNode> Inline, List<Block> Pictures) Read(OpenXmlElement paragraph)
    {
        var inline = new List<InlineNode>();
        var shown = new List<Block>();
        foreach (var child in paragraph.ChildElements)
        {
            switch (child)
            {
                case Run run:
                    AddRun(inline, shown, run);
                    break;
                case Hyperlink link:
                    var runs = new List<InlineNode>();
                    foreach (var run in link.Elements<Run>())
                    {
                        AddRun(runs, shown, run);
                    }
                    var href = link.Id?.Value is { } rid ? main.HyperlinkRelationships.FirstOrDefault(r => r.Id == rid)?.Uri.OriginalString : null;
                    var safe = href is null ? null : Html.SafeUrl.Check(href);
                    if (safe is null)
                    {
                        inline.AddRange(runs);
                    }
                    else if (runs.OfType<StyledText>().ToList() is { Count: > 0 } texts)
                    {
                        inline.Add(new Link(safe, texts));
                    }
                    break;
                case SimpleField or InsertedRun or SdtRun:
                    var (nested, nestedPictures) = Read(child);
                    inline.AddRange(nested);
                    shown.AddRange(nestedPictures);
                    break;
            }
        }
        return (Merge(inline), shown);
    }

    private void AddRun(List<InlineNode> inline, List<Block> shown, Run run)
    {
        var styles = StylesOf(run.RunProperties);
        var text = new StringBuilder();
        foreach (var part in run.ChildElements)
        {
            switch (part)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case DocumentFormat.OpenXml.Wordprocessing.Drawing drawing when Picture(drawing) is { } picture:
                    shown.Add(picture);
                    break;
            }
        }
        if (text.Length > 0)
        {
            inline.Add(new StyledText(text.ToString(), styles));
        }
    }

    private static Styles StylesOf(RunProperties? properties)
    {
        if (properties is null)
        {
            return Styles.None;
        }
        var font = properties.RunFonts?.Ascii?.Value ?? "";
        return new Styles
        {
            Bold = On(properties.Bold),
            Italic = On(properties.Italic),
            Underline = properties.Underline?.Val?.Value is { } underline && underline != UnderlineValues.None,
            Strike = On(properties.Strike) || On(properties.DoubleStrike),
            Code = font.Contains("Mono", StringComparison.OrdinalIgnoreCase) || font.Contains("Courier", StringComparison.OrdinalIgnoreCase)
                || font.Contains("Consolas", StringComparison.OrdinalIgnoreCase),
        } is var styles && styles == Styles.None ? Styles.None : styles;
    }

    private static bool On(OnOffType? value) => value is not null && (value.Val is null || value.Val.Value);

    /// <summary>An image block for a drawing's embedded picture, its bytes kept for the caller to store.</summary>
    private Block? Picture(DocumentFormat.OpenXml.Wordprocessing.Drawing drawing)
    {
        var blip = drawing.Descendants<Drawing.Blip>().FirstOrDefault();
        if (blip?.Embed?.Value is not { } rid || main.GetPartById(rid) is not ImagePart part)
        {
            return null;
        }
        using var stream = part.GetStream();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > MaxPictureBytes)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }
        var url = $"docx-picture:{pictures.Count}";
        pictures.Add(new ImportedPicture(url, copy.ToArray()));
        var name = drawing.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().FirstOrDefault()?.Description?.Value ?? "";
        return Block.Create(BlockTypes.Image, props: BlockSchema.DefaultProps(BlockTypes.Image).With("url", url).With("name", name));
    }

    /// <summary>Neighbouring runs of the same styles as one (Word splits text into many runs).</summary>
    private static List<InlineNode> Merge(List<InlineNode> nodes)
    {
        var merged = new List<InlineNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node is StyledText text && merged.Count > 0 && merged[^1] is StyledText last && last.Styles == text.Styles)
            {
                merged[^1] = last with { Text = last.Text + text.Text };
            }
            else
            {
                merged.Add(node);
            }
        }
        return merged;
    }
}
