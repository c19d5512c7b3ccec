using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Docs.Web.Ui;

public static class DocumentTitle
{
    /// <summary>A document's title, or "Untitled document" in the reader's language.</summary>
    public static string Of(string? title, IStringLocalizer localizer) =>
        string.IsNullOrWhiteSpace(title) ? localizer["Untitled document"] : title;

    /// <summary>
    /// A document's icon is an emoji at the start of its title, followed by a space, as the reference keeps it
    /// (so every list, the tree, exports and the API show it with no field of its own): "🚀 Launch plan".
    /// </summary>
    public static (string? Icon, string Text) Split(string? title)
    {
        title ??= "";
        var space = title.IndexOf(' ');
        if (space <= 0)
        {
            return (null, title);
        }
        var head = title[..space];
        // One grapheme (an emoji with its modifiers, variation selector or joiners), and an emoji at that.
        return new StringInfo(head).LengthInTextElements == 1 && IsEmoji(head) ? (head, title[(space + 1)..]) : (null, title);
    }

    /// <summary>The title with <paramref name="icon"/> (or none) before <paramref name="text"/>.</summary>
    public static string Join(string? icon, string text) =>
        string.IsNullOrEmpty(icon) ? text.Trim() : $"{icon} {text.Trim()}";

    private static bool IsEmoji(string grapheme)
    {
        var first = grapheme.EnumerateRunes().First().Value;
        return first is >= 0x1F000 and <= 0x1FAFF // pictographs, emoticons, transport, flags, supplemental symbols
            or >= 0x2600 and <= 0x27BF // miscellaneous symbols and dingbats (☀, ✅, ✏)
            or >= 0x2300 and <= 0x23FF // technical (⌛, ⏰)
            or >= 0x2B00 and <= 0x2BFF; // arrows and stars (⭐)
    }
}
