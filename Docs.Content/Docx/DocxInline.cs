using Docs.Content.Blocks;
using Docs.Content.Html;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>Rich text as Word runs: styles as run properties, inline code in the code style, links as hyperlinks, line breaks as breaks.</summary>
internal sealed class DocxInline(MainDocumentPart part)
{
    /// <param name="blockColor">The block's text colour, for runs that have none of their own.</param>
    public IEnumerable<OpenXmlElement> Render(IReadOnlyList<InlineNode> nodes, string? blockColor = null)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText text:
                    yield return Run(text, blockColor, link: false);
                    break;
                case Link link when Relationship(link.Href) is { } id:
                    yield return new Hyperlink(link.Content.Select(part => Run(part, blockColor, link: true))) { Id = id, History = true };
                    break;
                case Link unlinked:
                    foreach (var part in unlinked.Content)
                    {
                        yield return Run(part, blockColor, link: false);
                    }
                    break;
            }
        }
    }

    /// <summary>A run of text; its line breaks are breaks, and spaces are kept as written.</summary>
    public static Run Text(string text, RunProperties? properties = null)
    {
        var run = new Run();
        if (properties is not null)
        {
            run.Append(properties);
        }
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }
            if (lines[i].Length > 0)
            {
                run.Append(new Text(XmlSafe(lines[i])) { Space = SpaceProcessingModeValues.Preserve });
            }
        }
        return run;
    }

    private static Run Run(StyledText text, string? blockColor, bool link)
    {
        var styles = text.Styles;
        var properties = new RunProperties();
        if (styles.Code || link)
        {
            properties.RunStyle = new RunStyle { Val = styles.Code ? DocxStyles.CodeChar : DocxStyles.Hyperlink };
        }
        if (styles.Bold)
        {
            properties.Bold = new Bold();
        }
        if (styles.Italic)
        {
            properties.Italic = new Italic();
        }
        if (styles.Strike)
        {
            properties.Strike = new Strike();
        }
        if (Hex(BlockColors.Text(styles.TextColor ?? blockColor)) is { } color)
        {
            properties.Color = new Color { Val = color };
        }
        if (styles.Underline)
        {
            properties.Underline = new Underline { Val = UnderlineValues.Single };
        }
        if (Hex(BlockColors.Background(styles.BackgroundColor)) is { } background)
        {
            properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = background };
        }
        return Text(text.Text, properties.HasChildren ? properties : null);
    }

    private string? Relationship(string href)
    {
        if (SafeUrl.Check(href) is not { } safe || !Uri.TryCreate(safe, UriKind.RelativeOrAbsolute, out var uri))
        {
            return null;
        }
        return part.AddHyperlinkRelationship(uri, isExternal: true).Id;
    }

    /// <summary>A CSS colour as Word's hex (RRGGBB), when it is one.</summary>
    public static string? Hex(string? css)
    {
        if (css is not ['#', .. var digits] || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return digits.Length switch
        {
            6 => digits.ToUpperInvariant(),
            3 => string.Concat(digits.Select(c => new string(c, 2))).ToUpperInvariant(),
            _ => null,
        };
    }

    /// <summary>XML 1.0 cannot hold most control characters: they are left out.</summary>
    public static string XmlSafe(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\t') ? new string(text.Where(c => !char.IsControl(c) || c == '\t').ToArray()) : text;
}
