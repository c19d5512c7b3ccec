using System.Text.RegularExpressions;

namespace Docs.Content.Yjs;

/// <summary>
/// How y-prosemirror names marks in a text's formatting attributes: by the mark's name, or, for marks
/// that may overlap themselves (comments...), the name followed by <c>--</c> and an 8-character hash.
/// </summary>
internal static partial class MarkNames
{
    public const string Link = "link";

    public static string MarkOf(string attributeName) =>
        HashedName().Match(attributeName) is { Success: true } match ? match.Groups[1].Value : attributeName;

    [GeneratedRegex("^(.*)(--[a-zA-Z0-9+/=]{8})$")]
    private static partial Regex HashedName();
}
