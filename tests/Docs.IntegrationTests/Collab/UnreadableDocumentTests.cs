using System.Net;
using System.Text.Json;
using Docs.Yjs.Protocols;
using Npgsql;

namespace Docs.IntegrationTests.Collab;

/// <summary>A document stored in a state that cannot be decoded fails alone, and an administrator restores it.</summary>
[Collection(StackCollection.Name)]
public sealed class UnreadableDocumentTests(StackFixture stack)
{
    // What the content endpoint once stored on an empty document: not a Yjs update.
    private static readonly byte[] Undecodable = Convert.FromBase64String("/////////////////////w==");

    [Fact]
    public async Task An_undecodable_document_is_refused_alone_and_restored_from_its_last_good_version()
    {
        var owner = await stack.NewPersonAsync();
        var open = await owner.CreateAsync("Open beside it");
        var broken = await owner.CreateAsync("Broken");
        await using (var editor = await stack.OpenForWritingAsync(owner, broken))
        {
            Assert.True(await editor.TypeAsync(broken.ToString(), "good text"));
        }
        await FoldedAsync(broken); // unloaded: folded into the snapshot, and a version kept
        await ExecuteAsync("UPDATE documents SET content = $2 WHERE id = $1", broken, Undecodable);

        await using var client = await stack.OpenForWritingAsync(owner, open);
        Assert.Null(await client.OpenAsync(broken.ToString(), await owner.TicketAsync(broken)));
        Assert.Equal("document-unreadable", client.LastAuthReason);
        // The socket and its other document carry on.
        Assert.True(await client.TypeAsync(open.ToString(), "still here"));

        using var admin = stack.App.CreateHttpClient("collab");
        admin.DefaultRequestHeaders.TryAddWithoutValidation("Authorization",
            stack.App.Parameter("collaboration-secret"));
        using var response = await admin.PostAsync(new Uri($"/collaboration/api/restore/?room={broken}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("version", result.RootElement.GetProperty("restored_from").GetString());

        await using var again = await stack.OpenForWritingAsync(owner, broken);
        Assert.Equal("good text", again.Doc.GetText("t").ToString());
        Assert.True(await again.TypeAsync(broken.ToString(), " and more"));
        Assert.Equal("good text and more", (await stack.StoredDocAsync(broken)).GetText("t").ToString());
    }

    [Fact]
    public async Task Nothing_undecodable_is_stored_through_the_socket()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Empty");
        await using var client = await stack.OpenForWritingAsync(owner, id);

        await client.SendAsync(HocuspocusMessages.Update(id.ToString(), Undecodable));

        Assert.Null(await client.WaitForAsync(_ => false, TimeSpan.FromSeconds(5)));
        Assert.Equal(4401, (int)client.CloseStatus!);
        Assert.Equal(0, await stack.LoggedUpdatesAsync(id));
        await using var again = await stack.OpenForWritingAsync(owner, id); // still opens
        Assert.Equal("", again.Doc.GetText("t").ToString());
    }

    private async Task FoldedAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await stack.LoggedUpdatesAsync(id) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.Equal(0, await stack.LoggedUpdatesAsync(id));
    }

    private async Task ExecuteAsync(string sql, Guid id, byte[] value)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id }, new() { Value = value } } };
        await command.ExecuteNonQueryAsync();
    }
}
