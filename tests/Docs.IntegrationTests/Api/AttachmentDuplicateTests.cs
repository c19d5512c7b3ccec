using System.Net;
using Docs.Core.Data;
using Docs.Yjs;
using Docs.Yjs.Types;
using Microsoft.EntityFrameworkCore;

namespace Docs.IntegrationTests.Api;

/// <summary>A duplicate gets attachments of its own: new blobs under its id, its recorded keys and its content naming them.</summary>
[Collection(StackCollection.Name)]
public sealed class AttachmentDuplicateTests(StackFixture stack)
{
    [Fact]
    public async Task A_copy_and_its_subtree_get_their_own_blobs_keys_and_urls()
    {
        var alice = await stack.NewPersonAsync();
        var copyReader = await stack.NewPersonAsync();
        var id = await alice.CreateAsync("Original");
        var child = await alice.CreateAsync("Child", id);
        var png = AttachmentTests.Png(5000);
        var url = await AttachmentTests.UploadOkAsync(alice, id, png, "a.png");
        var childPng = AttachmentTests.Png(3000);
        var childUrl = await AttachmentTests.UploadOkAsync(alice, child, childPng, "b.png");
        await PutImageAsync(alice, id, url);
        await PutImageAsync(alice, child, childUrl);

        using var duplicated = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{id}/duplicate/", new { with_descendants = true });
        var copy = (await Person.ExpectAsync(duplicated, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Guid childCopy;
        await using (var db = Database())
        {
            childCopy = await db.Documents.Where(d => d.DuplicatedFromId == child).Select(d => d.Id).SingleAsync();
        }
        await alice.GrantAsync(copy, copyReader, "reader");

        await AssertOwnAttachmentAsync(alice, copyReader, copy, url, png);
        await AssertOwnAttachmentAsync(alice, copyReader, childCopy, childUrl, childPng);
        // The originals are untouched.
        Assert.Equal([url], await ImageUrlsAsync(alice, id));
        Assert.Equal([childUrl], await ImageUrlsAsync(alice, child));
    }

    /// <summary>The copy names one new URL, under its own id, recorded on it, served with the original's bytes;
    /// the original's URL is not the copy's to serve.</summary>
    private async Task AssertOwnAttachmentAsync(Person owner, Person copyReader, Guid copy, string originalUrl, byte[] bytes)
    {
        var newUrl = Assert.Single(await ImageUrlsAsync(owner, copy));
        Assert.NotEqual(originalUrl, newUrl);
        Assert.Matches($"^/media/{copy}/attachments/[0-9a-f-]{{36}}\\.png$", newUrl);
        await using (var db = Database())
        {
            Assert.Equal([newUrl["/media/".Length..]], await db.Documents.Where(d => d.Id == copy).Select(d => d.Attachments).SingleAsync());
        }
        Assert.True(File.Exists(Path.Combine(stack.BlobFolder, newUrl["/media/".Length..])), "a blob of its own");
        using (var served = await copyReader.Api.GetAsync(newUrl))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        }
        using (var original = await copyReader.Api.GetAsync(originalUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, original.StatusCode);
        }
    }

    /// <summary>Writes BlockNote's shape for one image block naming <paramref name="url"/>.</summary>
    /// <summary>Replaces the document's content with an image block for each URL.</summary>
    internal static async Task PutImageAsync(Person person, Guid document, params string[] urls)
    {
        var doc = new Doc(11);
        var group = new YXmlElement("blockGroup");
        doc.GetXmlFragment("document-store").Push(group);
        foreach (var url in urls)
        {
            var container = new YXmlElement("blockContainer");
            group.Push(container);
            var image = new YXmlElement("image");
            container.Push(image);
            image.SetAttribute("url", url);
            image.SetAttribute("name", "picture");
        }
        using var put = await person.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{document}/content/",
            new { content = Convert.ToBase64String(doc.EncodeStateAsUpdate()) });
        Assert.True(put.IsSuccessStatusCode, $"{put.StatusCode}");
    }

    /// <summary>The url attributes of the document's image blocks, read from its content as served.</summary>
    private static async Task<List<string>> ImageUrlsAsync(Person person, Guid document)
    {
        var doc = new Doc();
        doc.ApplyUpdate(Convert.FromBase64String((await person.GetAsync($"/api/v1.0/documents/{document}/content/")).GetProperty("content").GetString()!));
        var urls = new List<string>();
        Collect(doc.GetXmlFragment("document-store"), urls);
        return urls;
    }

    private static void Collect(YXmlFragment parent, List<string> urls)
    {
        foreach (var element in parent.Children.OfType<YXmlElement>())
        {
            if (element.NodeName == "image" && element.GetAttribute("url") is string url)
            {
                urls.Add(url);
            }
            Collect(element, urls);
        }
    }

    private DocsDbContext Database() =>
        new(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(stack.App.GetConnectionString("docsdb")).Options);
}
