using Docs.Web.Api;

namespace Docs.Web.Ui;

/// <summary>
/// A list shown a page at a time, "show more" adding the next (the home page and the trash): null until
/// the first page came, then the documents so far.
/// </summary>
public sealed class PagedDocuments(Func<int, Task<ApiResult<Page<Document>>>> fetchPage)
{
    private int _pages;

    public List<Document>? Items { get; private set; }

    public bool HasMore { get; private set; }

    /// <summary>Starts again from the first page; the API's answer tells whether it failed.</summary>
    public Task<ApiResult<Page<Document>>> ReloadAsync()
    {
        _pages = 0;
        Items = null;
        return LoadMoreAsync();
    }

    /// <summary>Adds the next page; after a failure the same page is asked for next time.</summary>
    public async Task<ApiResult<Page<Document>>> LoadMoreAsync()
    {
        var result = await fetchPage(_pages + 1);
        if (!result.Ok)
        {
            Items ??= [];
            return result;
        }
        _pages++;
        Items = [.. Items ?? [], .. result.Value!.Results];
        HasMore = result.Value.Next is not null;
        return result;
    }
}
