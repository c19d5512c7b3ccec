using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Docs.Core.Collaboration;
using Docs.Yjs;

namespace Docs.IntegrationTests.Api;

/// <summary>content/ (raw Yjs state with ETag and If-Match) and collaboration tickets.</summary>
[Collection(StackCollection.Name)]
public sealed class ContentTests(StackFixture stack)
{
    [Fact]
    public async Task Content_round_trips_merges_concurrent_writes_and_honours_if_match()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("With content");
        var path = $"/api/v1.0/documents/{id}/content/";

        using var empty = await alice.SendAsync(HttpMethod.Get, path);
        var emptyTag = empty.Headers.ETag!.Tag;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await Person.ExpectAsync(empty, HttpStatusCode.OK)).GetProperty("content").ValueKind);

        using (var put = await alice.SendAsync(HttpMethod.Put, path, new { content = Convert.ToBase64String(TextUpdate("hello", clientId: 1)) }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }
        // A second writer's update is merged, not a replacement: both texts survive.
        using (var put = await alice.SendAsync(HttpMethod.Put, path, new { content = Convert.ToBase64String(TextUpdate(" world", clientId: 2)) }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }
        using var read = await alice.SendAsync(HttpMethod.Get, path);
        var tag = read.Headers.ETag!.Tag;
        var state = Convert.FromBase64String((await Person.ExpectAsync(read, HttpStatusCode.OK)).GetProperty("content").GetString()!);
        var doc = new Doc();
        doc.ApplyUpdate(state);
        Assert.Contains("hello", doc.GetText("t").ToString());
        Assert.Contains(" world", doc.GetText("t").ToString());

        // If-None-Match: nothing new. If-Match with a stale tag: 412, nothing written.
        using var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(tag));
        using (var notModified = await alice.Api.Http.SendAsync(conditional))
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        using var stale = new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(new { content = Convert.ToBase64String(TextUpdate("!", clientId: 3)) }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue(emptyTag));
        using (var refused = await alice.Api.Http.SendAsync(stale))
        {
            await Person.ProblemAsync(refused, HttpStatusCode.PreconditionFailed);
        }

        // Bad input: named, and nothing lost.
        using (var garbage = await alice.SendAsync(HttpMethod.Put, path, new { content = Convert.ToBase64String([0xff, 0xff, 0xff, 0x01]) }))
        {
            Assert.True((await Person.ProblemAsync(garbage, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("content", out _));
        }
        using (var notBase64 = await alice.SendAsync(HttpMethod.Put, path, new { content = "%%%" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);
        }
        using var after = await alice.SendAsync(HttpMethod.Get, path);
        Assert.Equal(tag, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Bytes_that_are_no_Yjs_update_are_never_stored_even_on_an_empty_document()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Empty");
        var path = $"/api/v1.0/documents/{id}/content/";

        // A lone update used to be stored as it came (merging one update reads nothing), breaking the document for good.
        using (var garbage = await alice.SendAsync(HttpMethod.Put, path, new { content = "/////////////////////w==" }))
        {
            Assert.True((await Person.ProblemAsync(garbage, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("content", out _));
        }
        using (var put = await alice.SendAsync(HttpMethod.Put, path, new { content = Convert.ToBase64String(TextUpdate("still writable", clientId: 4)) }))
        {
            await Person.ExpectAsync(put, HttpStatusCode.OK);
        }
        var doc = new Doc();
        doc.ApplyUpdate(Convert.FromBase64String((await alice.GetAsync(path)).GetProperty("content").GetString()!));
        Assert.Equal("still writable", doc.GetText("t").ToString());
    }

    [Fact]
    public async Task Readers_cannot_write_content()
    {
        var alice = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Read only");
        await alice.GrantAsync(id, reader, "reader");
        Assert.Equal(HttpStatusCode.OK, await reader.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/content/"));
        Assert.Equal(HttpStatusCode.Forbidden,
            await reader.StatusAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/content/", new { content = Convert.ToBase64String(TextUpdate("x", 9)) }));
    }

    [Fact]
    public async Task Tickets_name_user_document_and_write_right_and_collab_can_verify_them_offline()
    {
        var alice = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Live");
        await alice.GrantAsync(id, reader, "reader");
        var secret = stack.App.Parameter("collaboration-secret");
        var verifier = new CollaborationTicket(secret, TimeProvider.System);

        using var editorTicket = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/collaboration-ticket/");
        var editor = await Person.ExpectAsync(editorTicket, HttpStatusCode.OK);
        Assert.True(editor.GetProperty("can_write").GetBoolean());
        var grant = await verifier.ValidateAsync(editor.GetProperty("ticket").GetString());
        Assert.NotNull(grant);
        Assert.Equal(id, grant.DocumentId);
        Assert.Equal(alice.Id, grant.UserId);
        Assert.True(grant.CanWrite);
        Assert.True(grant.ExpiresAt <= DateTimeOffset.UtcNow.AddSeconds(61));

        using var readerTicket = await reader.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/collaboration-ticket/");
        var readerGrant = await verifier.ValidateAsync((await Person.ExpectAsync(readerTicket, HttpStatusCode.OK)).GetProperty("ticket").GetString());
        Assert.False(readerGrant!.CanWrite);

        Assert.Equal(HttpStatusCode.NotFound, await stranger.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/collaboration-ticket/"));
        // Another secret does not verify it.
        Assert.Null(await new CollaborationTicket(new string('x', 40), TimeProvider.System).ValidateAsync(editor.GetProperty("ticket").GetString()));
    }

    internal static byte[] TextUpdate(string text, ulong clientId)
    {
        var doc = new Doc(clientId);
        doc.GetText("t").Insert(0, text);
        return doc.EncodeStateAsUpdate();
    }
}
