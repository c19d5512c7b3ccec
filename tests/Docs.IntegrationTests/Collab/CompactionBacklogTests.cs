using Docs.Yjs;
using Npgsql;

namespace Docs.IntegrationTests.Collab;

/// <summary>
/// Issue #25, item 6: after a flood, a document's log held 1,583 updates that compaction never folded. A backlog that
/// long is folded (in bounded steps) while the document stays open, and the stored state keeps every update.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CompactionBacklogTests(StackFixture stack)
{
    private const int Backlog = 1583;

    [Fact]
    public async Task A_long_backlog_left_by_a_flood_is_folded_while_the_document_is_open()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("After the flood");
        var source = new Doc();
        var updates = new List<byte[]>();
        source.Update += (update, _, _) => updates.Add(update);
        for (var i = 0; i < Backlog; i++)
        {
            source.GetText("t").Insert(source.GetText("t").Length, $"<{i}>");
        }
        await AppendToLogAsync(id, updates);

        await using var editor = await stack.OpenForWritingAsync(owner, id);
        Assert.Equal(source.GetText("t").ToString(), editor.Doc.GetText("t").ToString());
        // The next edit finds the log past CompactAfterUpdates (1,000) and starts a fold of all of it.
        Assert.True(await editor.TypeAsync(id.ToString(), "<after>"));

        // Folded in bounded steps until what is left is under the threshold (the rest goes with later edits or the unload).
        const int CompactAfterUpdates = 1000;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await stack.LoggedUpdatesAsync(id) >= CompactAfterUpdates && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.InRange(await stack.LoggedUpdatesAsync(id), 0, CompactAfterUpdates - 1);
        Assert.Equal(source.GetText("t") + "<after>", (await stack.StoredDocAsync(id)).GetText("t").ToString());
    }

    /// <summary>Writes the updates to the log as the collaboration server's group commit does.</summary>
    private async Task AppendToLogAsync(Guid id, List<byte[]> updates)
    {
        await using var connection = new NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        await using var append = new NpgsqlCommand(
            "INSERT INTO document_updates (document_id, data, created_at) SELECT d, u, now() FROM unnest($1, $2) AS t(d, u)", connection)
        {
            Parameters = { new() { Value = updates.Select(_ => id).ToArray() }, new() { Value = updates.ToArray() } },
        };
        await append.ExecuteNonQueryAsync();
    }
}
