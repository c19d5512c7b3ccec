using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>
/// The style sheet of an exported document: Word's built-in style ids (Title, Heading1–6 with outline
/// levels, so the navigation pane lists them; Quote; Hyperlink) and two of ours for code.
/// </summary>
internal static class DocxStyles
{
    public const string Normal = "Normal";
    public const string Title = "Title";
    public const string Quote = "Quote";
    public const string Code = "Code";
    public const string CodeChar = "CodeChar";
    public const string Hyperlink = "Hyperlink";
    public const string ListParagraph = "ListParagraph";
    public const string Table = "TableGrid";
    public const string MonospaceFont = "Consolas";

    public static string Heading(int level) => $"Heading{Math.Clamp(level, 1, 6)}";

    private static readonly int[] HeadingSizes = [40, 32, 28, 26, 24, 22];

    public static Styles Create()
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", EastAsia = "Calibri", ComplexScript = "Calibri" },
                    new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle(Normal, "Normal", isDefault: true),
            ParagraphStyle(Title, "Title", run: new StyleRunProperties(new Bold(), new FontSize { Val = "52" })),
            ParagraphStyle(Quote, "Quote", paragraph: new StyleParagraphProperties(
                    new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 18, Space = 8, Color = "D0D7DE" }),
                    new Indentation { Left = "360" }),
                run: new StyleRunProperties(new Italic(), new Color { Val = "57606A" })),
            ParagraphStyle(Code, "Code", paragraph: new StyleParagraphProperties(
                    new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "F6F8FA" },
                    new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                run: new StyleRunProperties(Monospace(), new FontSize { Val = "20" })),
            ParagraphStyle(ListParagraph, "List Paragraph", paragraph: new StyleParagraphProperties(new ContextualSpacing())),
            new Style(new StyleName { Val = "Code Char" }, new StyleRunProperties(Monospace(), new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "F3F4F6" }))
            {
                Type = StyleValues.Character,
                StyleId = CodeChar,
            },
            new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "0969DA" }, new Underline { Val = UnderlineValues.Single }))
            {
                Type = StyleValues.Character,
                StyleId = Hyperlink,
            },
            new Style(new StyleName { Val = "Table Grid" }, new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" },
                new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" },
                new RightBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "D0D7DE" })))
            {
                Type = StyleValues.Table,
                StyleId = Table,
            });
        for (var level = 1; level <= 6; level++)
        {
            styles.Append(ParagraphStyle(Heading(level), $"heading {level}",
                paragraph: new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "80" }, new OutlineLevel { Val = level - 1 }),
                run: new StyleRunProperties(new Bold(), new FontSize { Val = HeadingSizes[level - 1].ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }
        return styles;
    }

    private static RunFonts Monospace() => new() { Ascii = MonospaceFont, HighAnsi = MonospaceFont, ComplexScript = MonospaceFont };

    private static Style ParagraphStyle(string id, string name, StyleParagraphProperties? paragraph = null, StyleRunProperties? run = null, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        else
        {
            style.Append(new BasedOn { Val = Normal }, new NextParagraphStyle { Val = Normal }, new PrimaryStyle());
        }
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }
        if (run is not null)
        {
            style.Append(run);
        }
        return style;
    }
}
