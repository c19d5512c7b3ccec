using Docs.Content.Blocks;

namespace Docs.Content.Yjs;

/// <summary>
/// Styles ↔ the formatting attributes of a Yjs text run, as y-prosemirror stores BlockNote's marks: each
/// mark under its name with the mark's attributes as value (<c>{}</c> for bold, <c>{stringValue}</c> for
/// colours, <c>{href, target, rel, class, title}</c> for links).
/// </summary>
internal static class StyleAttributes
{
    private const string StringValue = "stringValue";

    /// <summary>The styles and link target that <paramref name="attributes"/> describe.</summary>
    public static (Styles Styles, string? Href) Read(IReadOnlyDictionary<string, object?>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return (Styles.None, null);
        }
        var styles = Styles.None;
        string? href = null;
        Dictionary<string, object?>? others = null;
        foreach (var (name, value) in attributes)
        {
            switch (MarkNames.MarkOf(name))
            {
                case MarkNames.Link:
                    href = Field(value, "href") as string ?? "";
                    break;
                case "bold":
                    styles = styles with { Bold = true };
                    break;
                case "italic":
                    styles = styles with { Italic = true };
                    break;
                case "underline":
                    styles = styles with { Underline = true };
                    break;
                case "strike":
                    styles = styles with { Strike = true };
                    break;
                case "code":
                    styles = styles with { Code = true };
                    break;
                case "textColor":
                    styles = styles with { TextColor = Field(value, StringValue) as string };
                    break;
                case "backgroundColor":
                    styles = styles with { BackgroundColor = Field(value, StringValue) as string };
                    break;
                default:
                    (others ??= new(StringComparer.Ordinal))[name] = value;
                    break;
            }
        }
        return (others is null ? styles : styles with { OtherMarks = others }, href);
    }

    /// <summary>
    /// The attributes for a run, in the order BlockNote gives its marks (the schema's order, the link
    /// last); styles that are off are absent, as BlockNote writes no mark for them.
    /// </summary>
    public static Dictionary<string, object?> Write(Styles styles, string? href)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddFlag(attributes, "bold", styles.Bold);
        AddFlag(attributes, "italic", styles.Italic);
        AddFlag(attributes, "underline", styles.Underline);
        AddFlag(attributes, "strike", styles.Strike);
        AddFlag(attributes, "code", styles.Code);
        AddColor(attributes, "textColor", styles.TextColor);
        AddColor(attributes, "backgroundColor", styles.BackgroundColor);
        foreach (var (name, value) in styles.OtherMarks)
        {
            attributes[name] = value;
        }
        if (href is not null)
        {
            attributes[MarkNames.Link] = new Dictionary<string, object?>
            {
                ["href"] = href,
                ["target"] = "_blank",
                ["rel"] = "noopener noreferrer nofollow",
                ["class"] = null,
                ["title"] = null,
            };
        }
        return attributes;
    }

    private static void AddFlag(Dictionary<string, object?> attributes, string name, bool on)
    {
        if (on)
        {
            attributes[name] = new Dictionary<string, object?>();
        }
    }

    private static void AddColor(Dictionary<string, object?> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[name] = new Dictionary<string, object?> { [StringValue] = value };
        }
    }

    private static object? Field(object? value, string name) => value switch
    {
        IDictionary<string, object?> map => map.TryGetValue(name, out var field) ? field : null,
        IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault(name),
        _ => null,
    };
}
