using System.IO.Packaging;
using Docs.Content.Blocks;
using Styles = Docs.Content.Blocks.Styles;
using TableCell = Docs.Content.Blocks.TableCell;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx.Import;

/// <summary>
/// A Word document (DOCX, read with <c>DocumentFormat.OpenXml</c>) as blocks: headings from Word's heading
/// styles or outline levels, bulleted and numbered lists with their nesting (from the numbering
/// definitions), quotes and code from their styles, tables with header rows and spans, bold, italic,
/// underline, strike, monospace as code, hyperlinks (through <see cref="Html.SafeUrl"/>), and the
/// embedded pictures as image blocks (<see cref="DocxImport.Pictures"/>). Call <see cref="ZipBounds.Check"/> first:
/// the package is read only once its sizes are known to be sane.
/// </summary>
public static class DocxImporter
{
    /// <exception cref="DocxImportException">Not a Word document.</exception>
    public static DocxImport Read(Stream docx)
    {
        WordprocessingDocument word;
        try
        {
            word = WordprocessingDocument.Open(docx, false, new OpenSettings { MaxCharactersInPart = 64L * 1024 * 1024 });
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException)
        {
            throw new DocxImportException("This file is not a Word document (.docx) that can be read.", ex);
        }
        using (word)
        {
            var main = word.MainDocumentPart ?? throw new DocxImportException("This Word document has no main part.");
            var pictures = new List<ImportedPicture>();
            var reader = new Reader(main, new DocxRuns(main, pictures));
            var blocks = new List<Block>();
            reader.AddBody(blocks, main.Document?.Body?.ChildElements ?? (IEnumerable<OpenXmlElement>)[]);
            return new DocxImport(blocks, pictures, reader.Title);
        }
    }

    private sealed class Reader(MainDocumentPart main, DocxRuns runs)
    {
        private readonly Dictionary<string, Style> _styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>()
            .Where(s => s.StyleId?.Value is not null).GroupBy(s => s.StyleId!.Value!).ToDictionary(g => g.Key, g => g.First()) ?? [];

        /// <summary>The text of a Title-styled paragraph that opens the document (taken as its title, not as content).</summary>
        public string? Title { get; private set; }

        /// <summary>The list item last added at each level, for the next deeper item to nest under.</summary>
        private readonly List<Block> _listPath = [];

        public void AddBody(List<Block> blocks, IEnumerable<OpenXmlElement> elements)
        {
            foreach (var element in elements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        AddParagraph(blocks, paragraph);
                        break;
                    case Table table:
                        _listPath.Clear();
                        blocks.Add(DocxTableReader.Read(table, runs));
                        break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                        AddBody(blocks, content.ChildElements);
                        break;
                }
            }
        }

        private void AddParagraph(List<Block> blocks, Paragraph paragraph)
        {
            var (inline, pictures) = runs.Read(paragraph);
            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            var styleName = styleId is not null && _styles.TryGetValue(styleId, out var style) ? style.StyleName?.Val?.Value ?? styleId : styleId ?? "";
            var numbering = properties?.NumberingProperties;
            Block? block = null;
            if (blocks.Count == 0 && Title is null && styleName.Equals("Title", StringComparison.OrdinalIgnoreCase) && inline.Count > 0)
            {
                Title = InlineNode.PlainText(inline);
                blocks.AddRange(pictures);
                return;
            }
            if (HeadingLevel(styleName, properties) is { } level)
            {
                block = Block.Create(BlockTypes.Heading, new RichText(inline), BlockSchema.DefaultProps(BlockTypes.Heading).With("level", (long)level));
            }
            else if (numbering?.NumberingId?.Val?.Value is { } numId and not 0)
            {
                var depth = Math.Clamp(numbering.NumberingLevelReference?.Val?.Value ?? 0, 0, 8);
                var type = IsBullet(numId, depth) ? BlockTypes.BulletListItem : BlockTypes.NumberedListItem;
                AddListItem(blocks, Block.Create(type, new RichText(inline)), depth);
                blocks.AddRange(pictures);
                return;
            }
            else if (styleName.Contains("quote", StringComparison.OrdinalIgnoreCase))
            {
                block = Block.Create(BlockTypes.Quote, new RichText(inline));
            }
            else if (styleName.Contains("code", StringComparison.OrdinalIgnoreCase) || styleName.Contains("preformatted", StringComparison.OrdinalIgnoreCase))
            {
                block = Block.Create(BlockTypes.CodeBlock, RichText.Plain(InlineNode.PlainText(inline)));
            }
            else if (inline.Count > 0 || pictures.Count == 0)
            {
                block = Block.Create(BlockTypes.Paragraph, new RichText(inline));
            }
            _listPath.Clear();
            if (block is not null)
            {
                blocks.Add(block);
            }
            blocks.AddRange(pictures);
        }

        /// <summary>A list item at <paramref name="depth"/>: under the last item one level up, else at the top.</summary>
        private void AddListItem(List<Block> blocks, Block item, int depth)
        {
            depth = Math.Min(depth, _listPath.Count);
            if (depth == 0)
            {
                blocks.Add(item);
            }
            else
            {
                var parent = _listPath[depth - 1];
                // Blocks are immutable: the parent is replaced by itself with one more child, up the path.
                var updated = parent with { Children = [.. parent.Children, item] };
                ReplaceOnPath(blocks, depth - 1, updated);
            }
            _listPath.RemoveRange(depth, _listPath.Count - depth);
            _listPath.Add(item);
        }

        private void ReplaceOnPath(List<Block> blocks, int index, Block updated)
        {
            var old = _listPath[index];
            _listPath[index] = updated;
            if (index == 0)
            {
                blocks[blocks.LastIndexOf(old)] = updated;
                return;
            }
            var parent = _listPath[index - 1];
            var children = parent.Children.ToList();
            children[children.LastIndexOf(old)] = updated;
            ReplaceOnPath(blocks, index - 1, parent with { Children = children });
        }

        private static int? HeadingLevel(string styleName, ParagraphProperties? properties)
        {
            var name = styleName.Replace(" ", "", StringComparison.Ordinal);
            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }
            if (name.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(7), out var level) && level is >= 1 and <= 9)
            {
                return Math.Min(level, 6);
            }
            return properties?.OutlineLevel?.Val?.Value is { } outline and < 9 ? Math.Min(outline + 1, 6) : null;
        }

        private bool IsBullet(int numId, int level)
        {
            var numbering = main.NumberingDefinitionsPart?.Numbering;
            var instance = numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var definition = numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
            var format = definition?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level)?.NumberingFormat?.Val?.Value;
            return format is null || format == NumberFormatValues.Bullet;
        }
    }
}
