using System.Security.Cryptography;
using Docs.Core.Jobs;
using Hangfire;
using Hangfire.PostgreSql;

namespace Docs.IntegrationTests.Api;

/// <summary>The daily clean-up deletes the blobs no document references, once past the grace period (a day), and nothing else.</summary>
[Collection(StackCollection.Name)]
public sealed class OrphanBlobTests(StackFixture stack)
{
    [Fact]
    public async Task An_old_orphan_is_deleted_a_referenced_blob_and_a_fresh_orphan_are_kept()
    {
        var alice = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Holds one");
        var twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        var referenced = (await AttachmentTests.UploadOkAsync(alice, id, AttachmentTests.Png(700), "kept.png"))["/media/".Length..];
        File.SetLastWriteTimeUtc(BlobPath(referenced), twoDaysAgo);
        var oldOrphan = WriteOrphan(twoDaysAgo);
        var freshOrphan = WriteOrphan(DateTime.UtcNow.AddHours(-23));
        // Not a key the application makes: not the clean-up's to delete, however old.
        var foreign = Path.Combine(stack.BlobFolder, "not-an-attachment.txt");
        await File.WriteAllTextAsync(foreign, "someone else's");
        File.SetLastWriteTimeUtc(foreign, twoDaysAgo);

        await RunCleanUpAsync(stack);

        Assert.False(File.Exists(BlobPath(oldOrphan)), "the old orphan is deleted");
        Assert.True(File.Exists(BlobPath(referenced)), "a document references it");
        Assert.True(File.Exists(BlobPath(freshOrphan)), "it may be an upload in flight");
        Assert.True(File.Exists(foreign));
        File.Delete(foreign);
    }

    /// <summary>Enqueues the job on the worker's Hangfire and waits for it to succeed.</summary>
    internal static async Task RunCleanUpAsync(StackFixture stack)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(stack.App.GetConnectionString("docsdb"), options), options);
        var jobId = new BackgroundJobClient(storage).Enqueue<IOrphanBlobsJob>(job => job.CleanAsync(CancellationToken.None));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var state = connection.GetStateData(jobId)?.Name;
                if (state == "Succeeded")
                {
                    return;
                }
                Assert.True(state != "Failed" && DateTime.UtcNow < deadline, $"the clean-up did not succeed (state {state})");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>A blob under a well-formed key that no document records, last written at <paramref name="written"/>; returns its key.</summary>
    private string WriteOrphan(DateTime written)
    {
        var key = $"{Guid.NewGuid()}/attachments/{Guid.NewGuid()}.png";
        var path = BlobPath(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(100));
        File.SetLastWriteTimeUtc(path, written);
        return key;
    }

    private string BlobPath(string key) => Path.Combine(stack.BlobFolder, key);
}
