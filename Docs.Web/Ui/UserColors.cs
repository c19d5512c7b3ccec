using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Docs.Web.Ui;

/// <summary>The colours people are told apart by (<c>Ui:UserColors</c>), readable on light and dark pages.</summary>
public sealed class UserColorOptions
{
    public List<string> UserColors { get; set; } = [];
}

/// <summary>
/// A stable colour per person (avatars here, cursors in the editor). In a document, the editor resolves
/// collisions between the people present (Editor/src/colors.js): each prefers the colour given here.
/// </summary>
public sealed class UserColors(IOptions<UserColorOptions> options)
{
    private static readonly string[] DefaultPalette = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d"];

    public IReadOnlyList<string> Palette { get; } = options.Value.UserColors is { Count: > 0 } configured ? configured : DefaultPalette;

    public string For(string? key) => Palette[IndexFor(key)];

    public int IndexFor(string? key)
    {
        var hash = 17u;
        foreach (var c in key ?? "")
        {
            hash = unchecked(hash * 31 + c);
        }
        return (int)(hash % (uint)Palette.Count);
    }

    /// <summary>Tells people apart in a document's presence without giving their account id to the others.</summary>
    public static string PresenceKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
}
