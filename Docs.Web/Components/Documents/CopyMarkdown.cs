using Docs.Web.Api;
using Microsoft.JSInterop;

namespace Docs.Web.Components.Documents;

/// <summary>"Copy as Markdown": the page as the API converts it, put on the browser's clipboard.</summary>
public sealed class CopyMarkdown(ContentApi content, IJSRuntime js)
{
    /// <summary>Null when copied; otherwise what went wrong, to show.</summary>
    public async Task<string?> CopyAsync(Guid id)
    {
        var markdown = await content.MarkdownAsync(id);
        if (!markdown.Ok)
        {
            return markdown.Problem ?? "The page could not be read.";
        }
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", markdown.Value);
            return null;
        }
        catch (JSException)
        {
            return "The browser did not let the page write to the clipboard.";
        }
    }
}
