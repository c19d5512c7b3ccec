using System.Text.Json;
using Docs.Testing;

namespace Docs.IntegrationTests.Collab;

/// <summary>The real @hocuspocus/provider (as BlockNote editors use it) against Docs.Collab.</summary>
[Collection(StackCollection.Name)]
public sealed class ProviderInteropTests(StackFixture stack)
{
    [Fact]
    public async Task Three_writers_one_offline_converge_the_store_equals_them_and_a_readers_edit_goes_nowhere()
    {
        var owner = await stack.NewPersonAsync("Owner");
        var second = await stack.NewPersonAsync("Second");
        var third = await stack.NewPersonAsync("Third");
        var reader = await stack.NewPersonAsync("Reader");
        var id = await owner.CreateAsync("Live document");
        await owner.GrantAsync(id, second, "editor");
        await owner.GrantAsync(id, third, "editor");
        await owner.GrantAsync(id, reader, "reader");

        var output = await Task.Run(async () => NodeInterop.RunScript("collab-session.mjs", stack.SocketUrl().ToString(), id.ToString(),
            await owner.TicketAsync(id), await second.TicketAsync(id), await third.TicketAsync(id), await reader.TicketAsync(id)));
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

        Assert.Equal(["read-write", "read-write", "read-write", "readonly"], result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var texts = result.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.All(texts, t => Assert.Equal(texts[0], t));
        Assert.Contains("offline9", texts[0]);
        Assert.Contains("online9", texts[0]);
        Assert.Contains("C19", texts[0]);
        Assert.DoesNotContain("READONLY-EDIT", texts[0]);
        Assert.Contains("READONLY-EDIT", result.GetProperty("readerText").GetString()); // only in the reader's own copy
        Assert.Contains("R", result.GetProperty("awarenessSeenByA").EnumerateArray().Select(n => n.GetString())); // a reader's cursor is relayed

        var stored = await stack.StoredDocAsync(id);
        Assert.Equal(texts[0], stored.GetText("t").ToString());
    }

    [Theory]
    [InlineData("collab")]
    [InlineData("web")] // the public origin, where the README sends them
    public async Task Y_websocket_clients_converge_through_the_plain_endpoint_and_a_missing_ticket_is_refused(string through)
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Plain y-websocket");
        var baseUrl = new UriBuilder(stack.App.GetEndpoint(through)) { Scheme = "ws", Path = "/collaboration/yws" }.Uri.ToString();

        var output = await Task.Run(async () => NodeInterop.RunScript("yws-session.mjs", baseUrl, id.ToString(),
            await owner.TicketAsync(id), await owner.TicketAsync(id)));
        var texts = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("texts").EnumerateArray().Select(t => t.GetString()!).ToList();

        Assert.Equal(texts[0], texts[1]);
        Assert.Contains("a14", texts[0]);
        Assert.Contains("b14", texts[0]);
        Assert.Equal(texts[0], (await stack.StoredDocAsync(id)).GetText("t").ToString());

        using var noTicket = new System.Net.WebSockets.ClientWebSocket();
        await noTicket.ConnectAsync(new Uri($"{baseUrl}/{id}"), CancellationToken.None);
        var buffer = new byte[1024];
        var result = await noTicket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(4401, (int)noTicket.CloseStatus!);
    }
}
