using System.Text;

namespace Docs.Api.Features.Search;

/// <summary>
/// What someone typed, as the query takes it: web search syntax (<c>"a phrase"</c>, <c>-excluded</c>, <c>or</c>) for
/// PostgreSQL's <c>websearch_to_tsquery</c>, and the last word apart as a prefix (<c>to_tsquery</c>'s <c>word:*</c>) while it
/// is being typed: "budg" finds "budget". <see cref="Prefix"/> is built from letters and digits only, so it cannot carry
/// query syntax. <see cref="Fuzzy"/> is the plain text matched against titles by trigram similarity (typos), when plain.
/// <see cref="Locate"/> is the first word sought, lower case, where the snippet is taken from (see <see cref="SearchQuery"/>).
/// </summary>
public sealed record SearchTerms(string WebSearch, string Prefix, string Fuzzy)
{
    public string Locate { get; } = FirstWord(WebSearch.Length > 0 ? WebSearch : Prefix);

    private static string FirstWord(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !word.StartsWith('-') && !word.Equals("or", StringComparison.OrdinalIgnoreCase))
            .Select(word => Words(word).FirstOrDefault(part => part.Length > 1))
            .FirstOrDefault(word => word is not null)?.ToLowerInvariant() ?? "";

    public const int MaxLength = 200;

    /// <summary>The shortest last word taken as a prefix: one letter would match most of the dictionary.</summary>
    private const int MinPrefixLength = 2;

    /// <summary>The shortest text matched against titles by similarity.</summary>
    private const int MinFuzzyLength = 4;

    public static SearchTerms Parse(string text)
    {
        var trimmed = text.Trim();
        var plain = !trimmed.Contains('"', StringComparison.Ordinal) && !trimmed.Split(' ').Any(word => word.StartsWith('-'));
        var fuzzy = plain && trimmed.Length >= MinFuzzyLength ? trimmed : "";

        // The last word is a prefix unless a space, a closing quote or punctuation ended it, or it sits in a quote, or it is excluded.
        var lastSpace = trimmed.LastIndexOf(' ');
        var last = trimmed[(lastSpace + 1)..];
        var quotes = trimmed.Count(c => c == '"');
        if (trimmed.Length == 0 || !char.IsLetterOrDigit(trimmed[^1]) || quotes % 2 == 1 || last.StartsWith('-') || last.Contains('"', StringComparison.Ordinal)
            || last.Equals("or", StringComparison.OrdinalIgnoreCase))
        {
            return new SearchTerms(trimmed, "", fuzzy);
        }
        var parts = Words(last);
        if (parts.Count == 0 || parts[^1].Length < MinPrefixLength)
        {
            return new SearchTerms(trimmed, "", fuzzy);
        }
        // "l'ann" is the words "l" and "ann…": every part of the last word, the final one as a prefix.
        var prefix = string.Join(" & ", parts.Select((part, i) => i == parts.Count - 1 ? $"'{part}':*" : $"'{part}'"));
        return new SearchTerms(trimmed[..(lastSpace + 1)].TrimEnd(), prefix, fuzzy);
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
