using System.Globalization;
using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>Images, videos and audio in figures with their captions; files as download links.</summary>
internal static class HtmlMedia
{
    public static void Render(StringBuilder html, Block block, string style)
    {
        var url = SafeUrl.Check(block.Props.GetString("url"));
        var name = block.Props.GetString("name") ?? "";
        var caption = block.Props.GetString("caption") ?? "";
        if (url is null)
        {
            return;
        }
        var src = HtmlText.Escape(url);
        if (block.Type == BlockTypes.File)
        {
            html.Append("<p class=\"file\"").Append(style).Append("><a href=\"").Append(src).Append("\" download>")
                .Append(HtmlText.Escape(name.Length > 0 ? name : url)).Append("</a>");
            if (caption.Length > 0)
            {
                html.Append("<br><small>").Append(HtmlText.Escape(caption)).Append("</small>");
            }
            html.Append("</p>\n");
            return;
        }
        html.Append("<figure").Append(style).Append('>');
        var width = block.Props.GetNumber("previewWidth") is double w && w > 0 ? $" width=\"{Math.Round(w).ToString(CultureInfo.InvariantCulture)}\"" : "";
        switch (block.Type)
        {
            case BlockTypes.Image:
                html.Append("<img src=\"").Append(src).Append("\" alt=\"").Append(HtmlText.Escape(caption.Length > 0 ? caption : name)).Append('"').Append(width).Append('>');
                break;
            case BlockTypes.Video:
                html.Append("<video controls src=\"").Append(src).Append('"').Append(width).Append("></video>");
                break;
            default:
                html.Append("<audio controls src=\"").Append(src).Append("\"></audio>");
                break;
        }
        if (caption.Length > 0)
        {
            html.Append("<figcaption>").Append(HtmlText.Escape(caption)).Append("</figcaption>");
        }
        html.Append("</figure>\n");
    }
}
