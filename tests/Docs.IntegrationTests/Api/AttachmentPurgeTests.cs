using System.Net;
using System.Security.Cryptography;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace Docs.IntegrationTests.Api;

/// <summary>The trash purge deletes the attachments of purged documents, and only those no remaining document holds (a copy holds blobs of its own).</summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentPurgeTests(StackFixture stack)
{
    [Fact]
    public async Task Purging_deletes_the_blobs_nobody_holds_any_more_and_keeps_the_rest()
    {
        var alice = await stack.NewPersonAsync();
        var copied = await alice.CreateAsync("Copied, then trashed");
        var alone = await alice.CreateAsync("Trashed alone");
        var alive = await alice.CreateAsync("Alive");
        var copiedKey = await UploadAsync(alice, copied);
        var aloneKey = await UploadAsync(alice, alone);
        var aliveKey = await UploadAsync(alice, alive);
        Guid copy;
        using (var duplicated = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{copied}/duplicate/", new { }))
        {
            copy = (await Person.ExpectAsync(duplicated, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }
        string copyKey;
        await using (var db = Database())
        {
            copyKey = (await db.Documents.Where(d => d.Id == copy).Select(d => d.Attachments).SingleAsync()).Single();
        }
        Assert.All(new[] { copiedKey, copyKey, aloneKey, aliveKey }, key => Assert.True(File.Exists(BlobPath(key)), key));

        foreach (var id in new[] { copied, alone })
        {
            Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{id}/"));
        }
        await using (var db = Database())
        {
            var longAgo = DateTimeOffset.UtcNow.AddDays(-31);
            await db.Documents.Where(d => d.Id == copied || d.Id == alone).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, longAgo));
        }

        await PurgeAsync([copied, alone]);
        await WaitUntilAsync(() => !File.Exists(BlobPath(aloneKey)) && !File.Exists(BlobPath(copiedKey)));
        Assert.True(File.Exists(BlobPath(copyKey)), "the copy holds its own");
        Assert.True(File.Exists(BlobPath(aliveKey)));
    }

    private async Task PurgeAsync(Guid[] purged)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false };
        var jobs = new BackgroundJobClient(new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(stack.App.GetConnectionString("docsdb"), options), options));
        jobs.Enqueue<ITrashPurgeJob>(job => job.PurgeAsync(CancellationToken.None));
        await using var check = Database();
        await WaitUntilAsync(async () => !await check.Documents.AnyAsync(d => purged.Contains(d.Id)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the purge");
            await Task.Delay(250);
        }
    }

    private string BlobPath(string key) => Path.Combine(stack.BlobFolder, key);

    /// <summary>A JPEG's signature and random bytes; returns the key.</summary>
    private static async Task<string> UploadAsync(Person person, Guid document) =>
        (await AttachmentTests.UploadOkAsync(person, document, [0xFF, 0xD8, 0xFF, 0xE0, .. RandomNumberGenerator.GetBytes(500)], "photo.jpg"))["/media/".Length..];

    private DocsDbContext Database() =>
        new(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(stack.App.GetConnectionString("docsdb")).Options);
}
