namespace Docs.Content.Html;

/// <summary>
/// BlockNote's colour names as CSS (its light theme's <c>COLORS_DEFAULT</c>); other values are CSS colours
/// already and pass when they look like one.
/// </summary>
internal static class BlockColors
{
    private static readonly Dictionary<string, (string Text, string Background)> Palette = new(StringComparer.Ordinal)
    {
        ["gray"] = ("#9b9a97", "#ebeced"),
        ["brown"] = ("#64473a", "#e9e5e3"),
        ["red"] = ("#e03e3e", "#fbe4e4"),
        ["orange"] = ("#d9730d", "#f6e9d9"),
        ["yellow"] = ("#dfab01", "#fbf3db"),
        ["green"] = ("#4d6461", "#ddedea"),
        ["blue"] = ("#0b6e99", "#ddebf1"),
        ["purple"] = ("#6940a5", "#eae4f2"),
        ["pink"] = ("#ad1a72", "#f4dfeb"),
    };

    public static string? Text(string? name) => Css(name, background: false);

    /// <summary>The palette name of a CSS colour when it is one of the palette's (as the export writes them), else the colour itself.</summary>
    public static string? FromCss(string? css, bool background)
    {
        var value = css?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        foreach (var (name, colors) in Palette)
        {
            if (string.Equals(background ? colors.Background : colors.Text, value, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }
        return Css(value, background) is null ? null : value;
    }

    public static string? Background(string? name) => Css(name, background: true);

    private static string? Css(string? name, bool background)
    {
        if (string.IsNullOrEmpty(name) || name == "default")
        {
            return null;
        }
        if (Palette.TryGetValue(name, out var colors))
        {
            return background ? colors.Background : colors.Text;
        }
        // A CSS colour of another editor (#hex, rgb(...), a name): nothing that could end the declaration.
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '#' or '(' or ')' or ',' or '.' or '%' or ' ') ? name : null;
    }
}
