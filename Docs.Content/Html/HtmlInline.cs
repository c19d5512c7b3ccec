using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>Rich text as HTML inline elements: each run wrapped in the tags of its styles, line breaks as <c>&lt;br&gt;</c>.</summary>
internal static class HtmlInline
{
    public static void Render(StringBuilder html, IReadOnlyList<InlineNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText text:
                    Run(html, text);
                    break;
                case Link link when SafeUrl.Check(link.Href) is { } href:
                    html.Append("<a href=\"").Append(HtmlText.Escape(href)).Append("\">");
                    link.Content.ToList().ForEach(part => Run(html, part));
                    html.Append("</a>");
                    break;
                case Link unsafeLink:
                    unsafeLink.Content.ToList().ForEach(part => Run(html, part));
                    break;
            }
        }
    }

    private static void Run(StringBuilder html, StyledText run)
    {
        var styles = run.Styles;
        var closing = new Stack<string>();
        void Open(bool on, string tag, string? attributes = null)
        {
            if (on)
            {
                html.Append('<').Append(tag).Append(attributes).Append('>');
                closing.Push($"</{tag}>");
            }
        }
        var color = BlockColors.Text(styles.TextColor);
        var background = BlockColors.Background(styles.BackgroundColor);
        Open(color is not null || background is not null, "span", $" style=\"{HtmlText.Escape(Style(color, background))}\"");
        Open(styles.Bold, "strong");
        Open(styles.Italic, "em");
        Open(styles.Underline, "u");
        Open(styles.Strike, "s");
        Open(styles.Code, "code");
        var lines = run.Text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>");
            }
            html.Append(HtmlText.Escape(lines[i]));
        }
        while (closing.Count > 0)
        {
            html.Append(closing.Pop());
        }
    }

    public static string Style(string? color, string? background)
    {
        var style = new StringBuilder();
        if (color is not null)
        {
            style.Append("color: ").Append(color).Append(';');
        }
        if (background is not null)
        {
            style.Append(style.Length > 0 ? " " : "").Append("background-color: ").Append(background).Append(';');
        }
        return style.ToString();
    }
}
