using Microsoft.Extensions.Localization;

namespace Docs.Web.Ui;

public static class DocumentTitle
{
    /// <summary>A document's title, or "Untitled document" in the reader's language.</summary>
    public static string Of(string? title, IStringLocalizer localizer) =>
        string.IsNullOrWhiteSpace(title) ? localizer["Untitled document"] : title;
}
