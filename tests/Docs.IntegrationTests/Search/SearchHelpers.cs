using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Docs.Content.Blocks;
using Docs.Content.Yjs;
using Npgsql;

namespace Docs.IntegrationTests.Search;

/// <summary>What the search tests do often: write blocks into a document, search, wait for the index.</summary>
internal static class SearchHelpers
{
    /// <summary>A made-up word no other test writes: what a test searches for finds only its own documents.</summary>
    public static string Word(string stem = "zorb") => stem + Guid.NewGuid().ToString("N")[..8].Replace('0', 'q').Replace('1', 'w')
        .Replace('2', 'e').Replace('3', 'r').Replace('4', 't').Replace('5', 'y').Replace('6', 'u').Replace('7', 'i').Replace('8', 'o').Replace('9', 'p');

    public static Block Paragraph(string text) => Block.Create(BlockTypes.Paragraph, RichText.Plain(text));

    public static Block Heading(string text) => Block.Create(BlockTypes.Heading, RichText.Plain(text));

    /// <summary>Writes the blocks as the document's content through <c>PUT content/</c> (an update appended to its log).</summary>
    public static async Task WriteAsync(this Person person, Guid document, params Block[] blocks)
    {
        using var response = await person.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{document}/content/",
            new { content = Convert.ToBase64String(BlockNoteYjs.Write(blocks)) });
        await Person.ExpectAsync(response, HttpStatusCode.OK);
    }

    public static async Task<JsonElement> SearchAsync(this Person person, string q, string extra = "") =>
        await person.GetAsync($"/api/v1.0/documents/search/?q={Uri.EscapeDataString(q)}{extra}");

    public static List<Guid> Ids(this JsonElement page) => [.. page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())];

    public static int Count(this JsonElement page) => page.GetProperty("count").GetInt32();

    /// <summary>Searches until <paramref name="done"/> holds (the index is written by Docs.Worker after the change), or fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> SearchUntilAsync(this Person person, string q, Func<JsonElement, bool> done, TimeSpan? timeout = null, string extra = "")
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var page = await person.SearchAsync(q, extra);
            if (done(page))
            {
                return page;
            }
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail($"Search for '{q}' never gave what was expected: {page}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until Docs.Worker has indexed every change made so far.</summary>
    public static async Task IndexedAsync(this StackFixture stack, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM document_search WHERE indexed_version < content_version", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }
            Assert.True(clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)), "Docs.Worker did not index the changes in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every document is indexed in <paramref name="configuration"/> (after a change of language and a rebuild).</summary>
    public static async Task IndexedInAsync(this StackFixture stack, string configuration)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM document_search WHERE indexed_version < content_version OR language <> $1", connection) { Parameters = { new() { Value = configuration } } };
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"Docs.Worker did not index everything in {configuration} in time.");
            await Task.Delay(200);
        }
    }

    public static async Task SqlAsync(this StackFixture stack, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync();
    }
}
