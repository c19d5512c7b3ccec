using System.Buffers;

namespace Docs.Api.Infrastructure;

/// <summary>
/// The one rule for text the API accepts: no control character but tab and line breaks. PostgreSQL
/// cannot store NUL (error 22021, a 500), and the others have no place in a title, an email or a role.
/// </summary>
public static class StorableText
{
    public const string Refusal = "Must not contain control characters (such as NUL).";

    public static bool IsStorable(string text) => !text.AsSpan().ContainsAny(Refused);

    private static readonly SearchValues<char> Refused = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')).ToArray());
}
