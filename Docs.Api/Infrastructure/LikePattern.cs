namespace Docs.Api.Infrastructure;

/// <summary>Search text as a PostgreSQL LIKE/ILIKE pattern: its own %, _ and \ match literally.</summary>
public static class LikePattern
{
    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
