using System.Text.Json;

namespace Docs.Api.Infrastructure;

/// <summary>Enums as the API spells them: lower-case words ("administrator", "first-child" with <see cref="TryParseKebab{T}"/>).</summary>
public static class EnumNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>"One of reader, commenter, …": the words <see cref="TryParse{T}"/> (or, kebab-cased, <see cref="TryParseKebab{T}"/>) accepts, for a refusal.</summary>
    public static string OneOf<T>(bool kebab = false) where T : struct, Enum =>
        $"One of {string.Join(", ", Enum.GetValues<T>().Select(v => kebab ? Of(v).Replace('_', '-') : Of(v)))}.";

    /// <summary>For text already validated with <see cref="TryParse{T}"/>.</summary>
    public static T Parse<T>(string? text) where T : struct, Enum =>
        TryParse(text, out T value) ? value : throw new ArgumentException($"Not a {typeof(T).Name}: '{text}'.", nameof(text));

    public static bool TryParseKebab<T>(string? text, out T value) where T : struct, Enum =>
        TryParse(text?.Replace('-', '_'), out value);
}
