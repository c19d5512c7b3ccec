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

    public static bool TryParseKebab<T>(string? text, out T value) where T : struct, Enum =>
        TryParse(text?.Replace('-', '_'), out value);
}
