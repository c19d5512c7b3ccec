using System.Net;
using Docs.Core.Documents;
using Docs.Yjs;
using Npgsql;

namespace Docs.IntegrationTests.Collab;

/// <summary>What the collaboration tests need from the stack: tickets, the socket URL, the stored state.</summary>
internal static class CollabFixtureExtensions
{
    /// <summary>The Hocuspocus endpoint of a collaboration instance (<c>collab</c>, or <c>collab-2</c> for the second).</summary>
    public static Uri SocketUrl(this StackFixture stack, string instance = "collab") =>
        new UriBuilder(stack.App.GetEndpoint(instance)) { Scheme = "ws", Path = "/collaboration/ws/" }.Uri;

    public static async Task<string> TicketAsync(this Person person, Guid document)
    {
        using var response = await person.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{document}/collaboration-ticket/");
        return (await Person.ExpectAsync(response, HttpStatusCode.OK)).GetProperty("ticket").GetString()!;
    }

    /// <summary>A client of <paramref name="instance"/> with <paramref name="document"/> open for writing (its sync step 2 received).</summary>
    public static async Task<RawClient> OpenForWritingAsync(this StackFixture stack, Person owner, Guid document, string instance = "collab")
    {
        var client = await RawClient.ConnectAsync(stack.SocketUrl(instance));
        try
        {
            Assert.Equal("read-write", await client.OpenAsync(document.ToString(), await owner.TicketAsync(document)));
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many updates of the document wait in the log, not yet folded into its snapshot.</summary>
    public static async Task<long> LoggedUpdatesAsync(this StackFixture stack, Guid document)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM document_updates WHERE document_id = $1", connection) { Parameters = { new() { Value = document } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The document as PostgreSQL holds it: the snapshot plus every logged update (read as the services read it).</summary>
    public static async Task<Doc> StoredDocAsync(this StackFixture stack, Guid document)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        var doc = new Doc();
        if ((await DocumentStates.ReadAsync(connection, document, CancellationToken.None))?.Merge() is { } state)
        {
            doc.ApplyUpdate(state);
        }
        return doc;
    }
}
