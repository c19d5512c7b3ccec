using System.Net;
using System.Text.Json;
using StackExchange.Redis;

namespace Docs.IntegrationTests.Api;

/// <summary>Every endpoint on a document refuses a stranger with 404, a reader's writes with 403 and anonymous writes with 401; changes reach Docs.Collab.</summary>
[Collection(StackCollection.Name)]
public sealed class RefusalTests(StackFixture stack)
{
    [Fact]
    public async Task Strangers_get_404_readers_403_anonymous_401_on_every_document_endpoint()
    {
        var owner = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var stranger = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Guarded");
        var child = await owner.CreateAsync("Child", id);
        await owner.GrantAsync(id, reader, "reader");
        var d = $"/api/v1.0/documents/{id}";
        var writes = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Patch, $"{d}/", new { title = "x" }),
            (HttpMethod.Put, $"{d}/", new { title = "x" }),
            (HttpMethod.Delete, $"{d}/", null),
            (HttpMethod.Post, $"{d}/children/", new { title = "x" }),
            (HttpMethod.Post, $"/api/v1.0/documents/{child}/move/", new { target_document_id = id, position = "first-child" }),
            (HttpMethod.Put, $"{d}/link-configuration/", new { link_reach = "public", link_role = "editor" }),
            (HttpMethod.Post, $"{d}/accesses/", new { user_id = stranger.Id, role = "reader" }),
            (HttpMethod.Post, $"{d}/invitations/", new { email = "x@example.org", role = "reader" }),
            (HttpMethod.Put, $"{d}/content/", new { content = "AAA=" }),
            (HttpMethod.Get, $"{d}/ask-for-access/", null),
        };
        var reads = new[] { $"{d}/", $"{d}/children/", $"{d}/tree/", $"{d}/descendants/", $"{d}/content/", $"{d}/accesses/", $"{d}/invitations/" };

        foreach (var (method, path, body) in writes)
        {
            Assert.True(HttpStatusCode.NotFound == await stranger.StatusAsync(method, path, body), $"stranger {method} {path}");
            Assert.True(HttpStatusCode.Forbidden == await reader.StatusAsync(method, path, body), $"reader {method} {path}");
        }
        foreach (var path in reads)
        {
            Assert.True(HttpStatusCode.NotFound == await stranger.StatusAsync(HttpMethod.Get, path), $"stranger GET {path}");
            Assert.True(HttpStatusCode.OK == await reader.StatusAsync(HttpMethod.Get, path), $"reader GET {path}");
        }
        Assert.Equal(HttpStatusCode.Forbidden, await reader.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{child}/restore/"));
        using var anonymous = new ApiClient(stack.App);
        foreach (var (method, path, body) in writes.Where(w => w.Method != HttpMethod.Get))
        {
            using var response = await anonymous.SendJsonAsync(method, path, body);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized, $"anonymous {method} {path}: {response.StatusCode}");
        }
        // Nothing changed.
        var document = await owner.GetAsync($"{d}/");
        Assert.Equal("Guarded", document.GetProperty("title").GetString());
        Assert.Equal("restricted", document.GetProperty("link_reach").GetString());
    }

    [Fact]
    public async Task Permission_changes_are_announced_to_the_collaboration_server()
    {
        var owner = await stack.NewPersonAsync();
        var editor = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Live permissions");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(stack.App.GetConnectionString("redis"));
        var messages = new List<JsonElement>();
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("docs:collab:control"));
        queue.OnMessage(message =>
        {
            lock (messages)
            {
                messages.Add(JsonDocument.Parse(message.Message.ToString()).RootElement);
            }
        });

        await owner.GrantAsync(id, editor, "editor");
        Assert.Equal(HttpStatusCode.OK, await owner.StatusAsync(HttpMethod.Put, $"/api/v1.0/documents/{id}/link-configuration/", new { link_reach = "public", link_role = "reader" }));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            lock (messages)
            {
                if (messages.Count(m => m.GetProperty("document_id").GetGuid() == id) >= 2)
                {
                    break;
                }
            }
            await Task.Delay(50);
        }
        lock (messages)
        {
            var ours = messages.Where(m => m.GetProperty("document_id").GetGuid() == id).ToList();
            Assert.Equal(2, ours.Count);
            Assert.All(ours, m => Assert.Equal("recheck", m.GetProperty("type").GetString()));
            Assert.Contains(ours, m => m.GetProperty("user_id").ValueKind == JsonValueKind.String && m.GetProperty("user_id").GetGuid() == editor.Id);
        }
    }
}
