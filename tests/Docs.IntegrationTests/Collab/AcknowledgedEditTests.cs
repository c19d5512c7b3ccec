using System.Net;
using Docs.Testing;
using Docs.Yjs;

namespace Docs.IntegrationTests.Collab;

/// <summary>
/// An edit acknowledged to a real @hocuspocus/provider client is, at once and with the editor still
/// connected, in every server-side read: content, a duplicate, a duplicated subtree; and it moves the
/// document's "updated" time.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AcknowledgedEditTests(StackFixture stack)
{
    [Theory]
    [InlineData("collab")]
    [InlineData("collab-2")]
    public async Task An_acknowledged_edit_is_at_once_in_content_and_in_duplicates_while_its_editor_is_connected(string instance)
    {
        var owner = await stack.NewPersonAsync();
        var parent = await owner.CreateAsync("Meeting notes");
        var id = await owner.CreateAsync("Today", parent);
        var before = await ContentAsync(owner, id);
        var text = "decided at " + Guid.NewGuid().ToString("N")[..8];

        await using var editor = NodeInterop.StartScript("live-client.mjs", stack.SocketUrl(instance).ToString(), id.ToString(), await owner.TicketAsync(id));
        Assert.Equal("acknowledged", await editor.AskAsync("type " + text, TimeSpan.FromSeconds(30)));
        Assert.True(await stack.LoggedUpdatesAsync(id) > 0, "the edit waits in the log, not yet folded into the snapshot");

        var (state, etag) = await ContentAsync(owner, id);
        Assert.Equal(text, TextOf(state));
        Assert.NotEqual(before.ETag, etag);

        using var duplicate = await owner.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/duplicate/", new { });
        var copy = (await Person.ExpectAsync(duplicate, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(text, TextOf((await ContentAsync(owner, copy)).State));

        using var subtree = await owner.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{parent}/duplicate/", new { with_descendants = true });
        var parentCopy = (await Person.ExpectAsync(subtree, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var childCopy = (await owner.GetAsync($"/api/v1.0/documents/{parentCopy}/children/")).GetProperty("results")[0].GetProperty("id").GetGuid();
        Assert.Equal(text, TextOf((await ContentAsync(owner, childCopy)).State));
    }

    [Fact]
    public async Task A_collaboration_server_that_dies_is_restarted_and_a_connected_editor_goes_on_without_reloading()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Through a crash");
        await using var editor = NodeInterop.StartScript("live-client.mjs", stack.SocketUrl().ToString(), id.ToString(), await owner.TicketAsync(id));
        Assert.Equal("acknowledged", await editor.AskAsync("type before the crash. ", TimeSpan.FromSeconds(30)));

        // Killed outright, behind the AppHost's back, as a crash would.
        using (var collab = System.Diagnostics.Process.GetProcessById(stack.App.GetProcessId("collab")!.Value))
        {
            collab.Kill();
            await collab.WaitForExitAsync();
        }

        // The same client, never reloaded: its edit is acknowledged once the AppHost has the server back.
        Assert.Equal("acknowledged", await editor.AskAsync("type after it.", TimeSpan.FromSeconds(90)));
        Assert.Equal("before the crash. after it.", (await stack.StoredDocAsync(id)).GetText("t").ToString());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!stack.App.IsHealthy("collab") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.True(stack.App.IsHealthy("collab"));
    }

    [Fact]
    public async Task Edits_move_the_documents_updated_time()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Edited later");
        var created = (await owner.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("updated_at").GetDateTimeOffset();

        await using (var editor = NodeInterop.StartScript("live-client.mjs", stack.SocketUrl().ToString(), id.ToString(), await owner.TicketAsync(id)))
        {
            Assert.Equal("acknowledged", await editor.AskAsync("type a later edit", TimeSpan.FromSeconds(30)));
        }

        // Debounced: written within Collaboration:EditTimesInterval (5 s) of the edit.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        DateTimeOffset updated;
        do
        {
            await Task.Delay(250);
            updated = (await owner.GetAsync($"/api/v1.0/documents/{id}/")).GetProperty("updated_at").GetDateTimeOffset();
        }
        while (updated == created && DateTime.UtcNow < deadline);
        Assert.True(updated > created, $"updated_at stayed at {created:O}");
    }

    private static async Task<(byte[]? State, string? ETag)> ContentAsync(Person person, Guid id)
    {
        using var response = await person.SendAsync(HttpMethod.Get, $"/api/v1.0/documents/{id}/content/");
        var content = (await Person.ExpectAsync(response, HttpStatusCode.OK)).GetProperty("content");
        return (content.ValueKind == System.Text.Json.JsonValueKind.Null ? null : Convert.FromBase64String(content.GetString()!), response.Headers.ETag?.Tag);
    }

    private static string TextOf(byte[]? state)
    {
        var doc = new Doc();
        if (state is not null)
        {
            doc.ApplyUpdate(state);
        }
        return doc.GetText("t").ToString();
    }
}
