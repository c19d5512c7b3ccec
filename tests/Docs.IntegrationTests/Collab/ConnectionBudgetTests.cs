using System.Net;
using Docs.Core.Collaboration;
using Docs.Yjs.Protocols;

namespace Docs.IntegrationTests.Collab;

/// <summary>One party cannot lock others out: budgets count the real client (behind the gateway) and each person within a document.</summary>
[Collection(StackCollection.Name)]
public sealed class ConnectionBudgetTests(StackFixture stack)
{
    private static readonly IPAddress Flooder = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Neighbour = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task An_address_that_floods_new_connections_is_refused_alone_even_behind_the_gateway()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Behind the gateway");
        // The flood arrives through a proxy (loopback, trusted), which names the client: 127.0.0.2, on both instances.
        foreach (var instance in new[] { "collab", "collab-2" })
        {
            for (var start = 0; start < 300; start += 25)
            {
                await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ =>
                {
                    await using var socket = await RawClient.ConnectAsync(stack.SocketUrl(instance), forwardedFor: Flooder.ToString());
                }));
            }
            Assert.Equal(4429, await CloseCodeAsync(await RawClient.ConnectAsync(stack.SocketUrl(instance), forwardedFor: Flooder.ToString())));
        }

        // Through the real gateway: the flooder is still refused (the gateway forwards its address) ...
        var gateway = new UriBuilder(stack.Web("/collaboration/ws/")) { Scheme = "ws" }.Uri;
        Assert.Equal(4429, await CloseCodeAsync(await RawClient.ConnectAsync(gateway, from: Flooder)));
        // ... and someone else, through the same gateway, is not.
        await using (var neighbour = await RawClient.ConnectAsync(gateway, from: Neighbour))
        {
            Assert.Equal("read-write", await neighbour.OpenAsync(id.ToString(), await owner.TicketAsync(id)));
        }
        // A client that is not a proxy cannot choose the address it is counted under.
        Assert.Equal(4429, await CloseCodeAsync(await RawClient.ConnectAsync(stack.SocketUrl(), from: Flooder, forwardedFor: "127.0.0.9")));
    }

    [Fact]
    public async Task One_anonymous_client_cannot_take_every_connection_of_a_public_document()
    {
        var owner = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync("Bob");
        var id = await owner.CreateAsync("Public");
        await owner.GrantAsync(id, bob, "reader");
        var secret = stack.App.Parameter("collaboration-secret");
        var anonymous = new CollaborationTicket(secret, TimeProvider.System).Issue(id, userId: null, userName: null, canWrite: false);

        // Five sockets × 100 session keys: as many as the document's whole budget (MaxConnectionsPerDocument, 500).
        var sockets = new List<RawClient>();
        var opened = 0;
        try
        {
            for (var s = 0; s < 5; s++)
            {
                var socket = await RawClient.ConnectAsync(stack.SocketUrl());
                sockets.Add(socket);
                for (var k = 0; k < 100; k++)
                {
                    await socket.SendAsync(HocuspocusMessages.Token($"{id}\0{s}-{k}", anonymous, "4.8.0"));
                }
                for (var answers = 0; answers < 100;)
                {
                    var auth = await socket.WaitForAsync(f => f.Type == HocuspocusMessageType.Auth);
                    answers++;
                    opened += auth!.Body.ReadVarUint() == (ulong)HocuspocusAuthType.Authenticated ? 1 : 0;
                }
            }
            Assert.Equal(50, opened); // MaxConnectionsPerPerson: an anonymous person is its address

            await using var bobs = await RawClient.ConnectAsync(stack.SocketUrl());
            Assert.Equal("readonly", await bobs.OpenAsync(id.ToString(), await bob.TicketAsync(id)));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task<int?> CloseCodeAsync(RawClient client)
    {
        await using (client)
        {
            Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(5)));
            return (int?)client.CloseStatus;
        }
    }
}
