using System.Net;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace Docs.IntegrationTests.Api;

/// <summary>Soft delete, the trash bin, restore, the 30-day cut-off, the purge job; duplication.</summary>
[Collection(StackCollection.Name)]
public sealed class TrashTests(StackFixture stack)
{
    [Fact]
    public async Task Deleting_moves_a_subtree_to_the_trash_and_restore_brings_it_back()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var child = await alice.CreateAsync("Child", root);
        var grandchild = await alice.CreateAsync("Grandchild", child);
        await alice.GrantAsync(root, bob, "administrator");

        // Only owners delete.
        Assert.Equal(HttpStatusCode.Forbidden, await bob.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{child}/"));
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{child}/"));

        Assert.Empty(DocumentTests.Titles(await alice.GetAsync($"/api/v1.0/documents/{root}/children/")));
        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{grandchild}/"));
        var trashed = await alice.GetAsync($"/api/v1.0/documents/{grandchild}/");
        Assert.False(trashed.GetProperty("abilities").GetProperty("update").GetBoolean());
        Assert.Equal(["Child"], DocumentTests.Titles(await alice.GetAsync("/api/v1.0/documents/trashbin/")));
        Assert.Empty(DocumentTests.Titles(await bob.GetAsync("/api/v1.0/documents/trashbin/")));
        Assert.Equal(HttpStatusCode.BadRequest, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{grandchild}/restore/"));

        using var restore = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{child}/restore/");
        await Person.ExpectAsync(restore, HttpStatusCode.OK);
        Assert.Equal(["Child"], DocumentTests.Titles(await alice.GetAsync($"/api/v1.0/documents/{root}/children/")));
        Assert.Equal("Grandchild", (await bob.GetAsync($"/api/v1.0/documents/{grandchild}/")).GetProperty("title").GetString());
        Assert.Empty(DocumentTests.Titles(await alice.GetAsync("/api/v1.0/documents/trashbin/")));
    }

    [Fact]
    public async Task Past_the_cut_off_a_trashed_document_is_gone_and_the_worker_purges_it()
    {
        var alice = await stack.NewPersonAsync();
        var old = await alice.CreateAsync("Old");
        var oldChild = await alice.CreateAsync("Old child", old);
        var recent = await alice.CreateAsync("Recent");
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{old}/"));
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{recent}/"));
        await using (var db = Database())
        {
            var longAgo = DateTimeOffset.UtcNow.AddDays(-31);
            await db.Documents.Where(d => d.Id == old).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, longAgo));
            await db.Documents.Where(d => d.Id == oldChild).ExecuteUpdateAsync(s => s.SetProperty(d => d.AncestorsDeletedAt, longAgo));
        }

        Assert.Equal(HttpStatusCode.NotFound, await alice.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{old}/"));
        Assert.Equal(HttpStatusCode.NotFound, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{old}/restore/"));
        Assert.Equal(["Recent"], DocumentTests.Titles(await alice.GetAsync("/api/v1.0/documents/trashbin/")));

        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        var jobs = new BackgroundJobClient(new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(stack.App.GetConnectionString("docsdb"), options), options));
        jobs.Enqueue<ITrashPurgeJob>(job => job.PurgeAsync(CancellationToken.None));

        await using var check = Database();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await check.Documents.AnyAsync(d => d.Id == old || d.Id == oldChild) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.False(await check.Documents.AnyAsync(d => d.Id == old || d.Id == oldChild));
        Assert.True(await check.Documents.AnyAsync(d => d.Id == recent));
    }

    [Fact]
    public async Task Duplicate_copies_content_and_optionally_accesses_and_descendants()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var page = await alice.CreateAsync("Page", root);
        var sub = await alice.CreateAsync("Sub", page);
        await alice.CreateAsync("Subsub", sub);
        await alice.GrantAsync(page, bob, "editor");
        var content = Convert.ToBase64String(ContentTests.TextUpdate("the page's text", clientId: 7));
        using (var put = await alice.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{page}/content/", new { content }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }

        using var plain = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{page}/duplicate/", new { });
        var copy = await Person.ExpectAsync(plain, HttpStatusCode.Created);
        Assert.Equal("Copy of Page", copy.GetProperty("title").GetString());
        var copiedContent = await alice.GetAsync($"/api/v1.0/documents/{copy.GetProperty("id").GetGuid()}/content/");
        Assert.Equal(content, copiedContent.GetProperty("content").GetString());
        Assert.Equal(0, copy.GetProperty("numchild").GetInt32());
        Assert.Equal(["Page", "Copy of Page"], DocumentTests.Titles(await alice.GetAsync($"/api/v1.0/documents/{root}/children/")));

        using var full = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{page}/duplicate/", new { with_accesses = true, with_descendants = true });
        var fullCopy = (await Person.ExpectAsync(full, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(["Page", "Copy of Page", "Copy of Page"], DocumentTests.Titles(await alice.GetAsync($"/api/v1.0/documents/{root}/children/")));
        var descendants = await alice.GetAsync($"/api/v1.0/documents/{fullCopy}/descendants/");
        var subCopy = Assert.Single(descendants.GetProperty("children").EnumerateArray());
        Assert.Equal("Sub", subCopy.GetProperty("title").GetString());
        Assert.Equal("Subsub", Assert.Single(subCopy.GetProperty("children").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("editor", (await bob.GetAsync($"/api/v1.0/documents/{fullCopy}/")).GetProperty("user_role").GetString());

        // An editor may duplicate, but not copy the accesses.
        Assert.Equal(HttpStatusCode.Forbidden, await bob.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{page}/duplicate/", new { with_accesses = true }));
        using var bobsCopy = await bob.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{page}/duplicate/", new { });
        Assert.Equal("owner", (await Person.ExpectAsync(bobsCopy, HttpStatusCode.Created)).GetProperty("user_role").GetString());
    }

    private DocsDbContext Database() =>
        new(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(stack.App.GetConnectionString("docsdb")).Options);
}
