namespace Docs.Web.Ui;

/// <summary>A stable colour per person (avatars here, cursors in the editor), readable on light and dark pages.</summary>
public static class UserColors
{
    private static readonly string[] Palette = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d"];

    public static string For(string? key)
    {
        var hash = 17u;
        foreach (var c in key ?? "")
        {
            hash = unchecked(hash * 31 + c);
        }
        return Palette[hash % (uint)Palette.Length];
    }
}
