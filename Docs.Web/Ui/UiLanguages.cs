namespace Docs.Web.Ui;

/// <summary>The languages of the UI (those the reference ships), each with its name in itself; English first, the default.</summary>
public static class UiLanguages
{
    public static readonly IReadOnlyList<(string Code, string Name)> Names =
    [
        ("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("nl", "Nederlands"), ("es", "Español"), ("it", "Italiano"),
    ];

    public static readonly string[] Codes = Names.Select(language => language.Code).ToArray();
}
