using System.Net;
using Docs.Web.Api;
using Docs.Web.Ui;

namespace Docs.Web.Tests;

/// <summary>"First page, then show more" of the home page and the trash.</summary>
public sealed class PagedDocumentsTests
{
    private static readonly DocumentAbilities NoAbilities = new(false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false, false);

    private readonly List<int> _asked = [];
    private readonly Queue<bool> _failures = new();

    private Task<ApiResult<Page<Document>>> FetchAsync(int page)
    {
        _asked.Add(page);
        if (_failures.TryDequeue(out var fail) && fail)
        {
            return Task.FromResult(new ApiResult<Page<Document>>(null, HttpStatusCode.ServiceUnavailable, "down"));
        }
        var next = page < 3 ? $"?page={page + 1}" : null;
        return Task.FromResult(new ApiResult<Page<Document>>(new Page<Document>(6, next, null, [Item(page, 1), Item(page, 2)]), HttpStatusCode.OK, null));
    }

    private static Document Item(int page, int n) => new(Guid.NewGuid(), $"p{page}-{n}", null, "0000001", 1, 0, "restricted", "reader",
        "restricted", "reader", null, false, "owner", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, NoAbilities);

    [Fact]
    public async Task Pages_add_up_until_the_last_one()
    {
        var paged = new PagedDocuments(FetchAsync);
        Assert.Null(paged.Items);

        await paged.ReloadAsync();
        await paged.LoadMoreAsync();
        Assert.True(paged.HasMore);
        await paged.LoadMoreAsync();

        Assert.False(paged.HasMore);
        Assert.Equal(["p1-1", "p1-2", "p2-1", "p2-2", "p3-1", "p3-2"], paged.Items!.Select(d => d.Title));
        Assert.Equal([1, 2, 3], _asked);
    }

    [Fact]
    public async Task A_failed_show_more_asks_for_the_same_page_next_time()
    {
        var paged = new PagedDocuments(FetchAsync);
        await paged.ReloadAsync();
        _failures.Enqueue(true);

        var failed = await paged.LoadMoreAsync();
        Assert.False(failed.Ok);
        Assert.Equal(2, paged.Items!.Count); // what was shown stays
        await paged.LoadMoreAsync();

        Assert.Equal([1, 2, 2], _asked);
        Assert.Equal(["p1-1", "p1-2", "p2-1", "p2-2"], paged.Items.Select(d => d.Title));
    }

    [Fact]
    public async Task A_failed_first_page_shows_an_empty_list_and_reload_starts_over()
    {
        var paged = new PagedDocuments(FetchAsync);
        _failures.Enqueue(true);

        await paged.ReloadAsync();
        Assert.Empty(paged.Items!);
        await paged.LoadMoreAsync();
        await paged.ReloadAsync();

        Assert.Equal([1, 1, 1], _asked);
        Assert.Equal(["p1-1", "p1-2"], paged.Items!.Select(d => d.Title));
    }
}
