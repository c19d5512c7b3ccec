using Npgsql;

namespace Docs.Core.Search;

/// <summary>
/// The language of an installation's full-text search (<c>Search:Language</c>): which stemmer the index and the queries
/// use, after accents are folded (the text search configurations <c>docs_english</c>, <c>docs_french</c>, <c>docs_simple</c>
/// of the FullTextSearch migration). One language per installation: a word is found in its other forms ("running" finds
/// "runs") in that language only; <c>simple</c> finds words as written, in any language. Docs.Api writes the setting into
/// the database at start, where the index triggers, Docs.Worker and the search query read it; Docs.Worker re-indexes the
/// documents indexed under another language.
/// </summary>
public static class SearchLanguage
{
    public const string SettingName = "Search:Language";

    public const string Default = "simple";

    private static readonly Dictionary<string, string> Configurations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "docs_english",
        ["french"] = "docs_french",
        ["simple"] = "docs_simple",
    };

    public static IReadOnlyCollection<string> Names => Configurations.Keys;

    /// <summary>The text search configuration of a language name (english, french, simple); throws for another name.</summary>
    public static string Configuration(string? language)
    {
        var name = string.IsNullOrWhiteSpace(language) ? Default : language.Trim();
        return Configurations.TryGetValue(name, out var configuration)
            ? configuration
            : throw new InvalidOperationException($"{SettingName} is '{language}': one of {string.Join(", ", Configurations.Keys)}.");
    }

    /// <summary>
    /// Records the installation's language, read by the triggers and the queries; when it changed, every document is
    /// marked for Docs.Worker to index again in it (woken by <c>NOTIFY docs_search</c>).
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, string? language, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH changed AS (UPDATE search_settings SET language = $1 WHERE language <> $1 RETURNING 1),
                 marked AS (UPDATE document_search SET indexed_version = 0 WHERE EXISTS (SELECT 1 FROM changed) RETURNING 1)
            SELECT pg_notify('docs_search', '') WHERE EXISTS (SELECT 1 FROM changed)
            """, connection)
        {
            Parameters = { new() { Value = Configuration(language) } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
