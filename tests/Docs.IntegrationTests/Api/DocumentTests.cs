using System.Net;
using System.Text.Json;

namespace Docs.IntegrationTests.Api;

/// <summary>documents/: create, retrieve, update, lists with filters, ordering and pagination; what others and anonymous visitors see.</summary>
[Collection(StackCollection.Name)]
public sealed class DocumentTests(StackFixture stack)
{
    [Fact]
    public async Task Create_retrieve_update_and_the_creator_owns_it()
    {
        var alice = await stack.NewPersonAsync("Alice");
        var created = await alice.CreateDocumentAsync("Meeting notes");
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("owner", created.GetProperty("user_role").GetString());
        Assert.Equal("restricted", created.GetProperty("link_reach").GetString());
        Assert.True(created.GetProperty("abilities").GetProperty("destroy").GetBoolean());

        using var patched = await alice.SendAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/", new { title = "Weekly notes" });
        await Person.ExpectAsync(patched, HttpStatusCode.OK);
        var fetched = await alice.GetAsync($"/api/v1.0/documents/{id}/");
        Assert.Equal("Weekly notes", fetched.GetProperty("title").GetString());
        Assert.Equal(alice.Id, fetched.GetProperty("creator").GetGuid());
    }

    [Fact]
    public async Task A_document_nobody_shared_is_404_for_others_and_anonymous_never_403()
    {
        var alice = await stack.NewPersonAsync("Alice");
        var mallory = await stack.NewPersonAsync("Mallory");
        var id = await alice.CreateAsync("Private");
        var missing = Guid.NewGuid();

        foreach (var path in new[] { $"/api/v1.0/documents/{id}/", $"/api/v1.0/documents/{missing}/" })
        {
            using var response = await mallory.SendAsync(HttpMethod.Get, path);
            var problem = await Person.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("No such resource.", problem.GetProperty("detail").GetString()); // the same answer whether it exists or not
        }
        using var anonymous = new ApiClient(stack.App);
        using var anonymousResponse = await anonymous.GetAsync($"/api/v1.0/documents/{id}/");
        Assert.Equal(HttpStatusCode.NotFound, anonymousResponse.StatusCode);
        // Acting on it by id is refused the same way.
        Assert.Equal(HttpStatusCode.NotFound, await mallory.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/", new { title = "pwned" }));
        Assert.Equal(HttpStatusCode.NotFound, await mallory.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/"));
        Assert.Equal("Private", (await alice.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_reader_sees_but_cannot_edit_403_and_a_public_link_opens_it_to_anonymous_readers()
    {
        var alice = await stack.NewPersonAsync("Alice");
        var bob = await stack.NewPersonAsync("Bob");
        var id = await alice.CreateAsync("Shared");
        await alice.GrantAsync(id, bob, "reader");

        var seen = await bob.GetAsync($"/api/v1.0/documents/{id}/");
        Assert.Equal("reader", seen.GetProperty("user_role").GetString());
        Assert.False(seen.GetProperty("abilities").GetProperty("update").GetBoolean());
        using var edit = await bob.SendAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/", new { title = "mine" });
        await Person.ProblemAsync(edit, HttpStatusCode.Forbidden);

        using (var link = await alice.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/link-configuration/", new { link_reach = "public", link_role = "reader" }))
        {
            await Person.ExpectAsync(link, HttpStatusCode.OK);
        }
        using var anonymous = new ApiClient(stack.App);
        var opened = await anonymous.GetJsonAsync($"/api/v1.0/documents/{id}/");
        Assert.Equal("reader", opened.GetProperty("user_role").GetString());
        Assert.False(opened.GetProperty("abilities").GetProperty("favorite").GetBoolean());
        using var anonymousEdit = await anonymous.SendJsonAsync(HttpMethod.Patch, $"/api/v1.0/documents/{id}/", new { title = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousEdit.StatusCode);
    }

    [Fact]
    public async Task Opening_a_linked_document_puts_it_in_my_list()
    {
        var alice = await stack.NewPersonAsync("Alice");
        var carol = await stack.NewPersonAsync("Carol");
        var id = await alice.CreateAsync("Open to members");
        using (await alice.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/link-configuration/", new { link_reach = "authenticated", link_role = "editor" }))
        {
        }
        Assert.Equal(0, (await carol.GetAsync("/api/v1.0/documents/")).GetProperty("count").GetInt32());

        var opened = await carol.GetAsync($"/api/v1.0/documents/{id}/");
        Assert.Equal("editor", opened.GetProperty("user_role").GetString());

        var list = await carol.GetAsync("/api/v1.0/documents/");
        Assert.Equal(id, Assert.Single(list.GetProperty("results").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_list_pages_filters_and_orders()
    {
        var dana = await stack.NewPersonAsync("Dana");
        var other = await stack.NewPersonAsync("Other");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await dana.CreateAsync($"Doc {i}"));
        }
        var shared = await other.CreateAsync("From other");
        await other.GrantAsync(shared, dana, "editor");
        await dana.CreateAsync("Child is not a top document", parent: ids[0]);
        using (await dana.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{ids[3]}/favorite/")) { }

        var page1 = await dana.GetAsync("/api/v1.0/documents/?page_size=4&ordering=title");
        Assert.Equal(6, page1.GetProperty("count").GetInt32());
        Assert.Equal(["Doc 0", "Doc 1", "Doc 2", "Doc 3"], Titles(page1));
        var next = page1.GetProperty("next").GetString()!;
        Assert.Contains("page=2", next);
        var page2 = await dana.GetAsync(new Uri(next).PathAndQuery);
        Assert.Equal(["Doc 4", "From other"], Titles(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);

        Assert.Equal(["From other"], Titles(await dana.GetAsync("/api/v1.0/documents/?is_creator_me=false")));
        Assert.Equal(["Doc 3"], Titles(await dana.GetAsync("/api/v1.0/documents/?is_favorite=true")));
        Assert.Equal(["Doc 2"], Titles(await dana.GetAsync("/api/v1.0/documents/?title=c%202")));
        Assert.Equal("Doc 4", Titles(await dana.GetAsync("/api/v1.0/documents/?ordering=-title"))[1]);
        Assert.Equal(7, (await dana.GetAsync("/api/v1.0/documents/all/")).GetProperty("count").GetInt32());

        using var badPage = await dana.SendAsync(HttpMethod.Get, "/api/v1.0/documents/?page_size=500&ordering=secret");
        var problem = await Person.ProblemAsync(badPage, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("page_size", out _));
        using var pastTheEnd = await dana.SendAsync(HttpMethod.Get, "/api/v1.0/documents/?page=9");
        Assert.Equal(HttpStatusCode.NotFound, pastTheEnd.StatusCode);
    }

    [Fact]
    public async Task Validation_errors_name_the_fields()
    {
        var alice = await stack.NewPersonAsync();
        using var response = await alice.SendAsync(HttpMethod.Post, "/api/v1.0/documents/", new { title = new string('x', 300) });
        var problem = await Person.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Pins_are_per_person()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Pinned");
        await alice.GrantAsync(id, bob, "editor");
        Assert.Equal(HttpStatusCode.Created, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/favorite/"));
        Assert.Equal(HttpStatusCode.OK, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/favorite/"));
        Assert.True((await alice.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("is_favorite").GetBoolean());
        Assert.False((await bob.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("is_favorite").GetBoolean());
        Assert.Equal(1, (await alice.GetAsync("/api/v1.0/documents/favorite_list/")).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/favorite/"));
        Assert.False((await alice.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("is_favorite").GetBoolean());
    }

    internal static List<string?> Titles(JsonElement page) =>
        page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
}
