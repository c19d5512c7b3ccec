namespace Docs.Api.Features.Content.Pdf;

/// <summary>The paper of <c>export/?format=pdf&amp;paper=</c>.</summary>
public enum PaperSize
{
    A4,
    Letter,
}

public static class PaperSizes
{
    public const string Choices = "One of: a4, letter.";

    public static PaperSize? Parse(string? value) => value?.ToLowerInvariant() switch
    {
        null or "a4" => PaperSize.A4,
        "letter" => PaperSize.Letter,
        _ => null,
    };
}
