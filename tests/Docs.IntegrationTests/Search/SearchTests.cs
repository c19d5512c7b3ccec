using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Docs.Content.Blocks;
using Docs.Content.Yjs;
using Docs.IntegrationTests.Collab;
using Docs.Yjs;
using Docs.Yjs.Protocols;
using static Docs.IntegrationTests.Search.SearchHelpers;

namespace Docs.IntegrationTests.Search;

/// <summary><c>documents/search/</c>: what it finds, in which order, how fast after a change, with the index Docs.Worker keeps.</summary>
[Collection(StackCollection.Name)]
public sealed class SearchTests(StackFixture stack)
{
    [Fact]
    public async Task A_title_match_ranks_above_a_body_match_and_snippets_mark_the_words()
    {
        var alice = await stack.NewPersonAsync();
        var word = Word();
        var inBody = await alice.CreateAsync("Weekly notes");
        await alice.WriteAsync(inBody, Paragraph($"We talked about the {word} at length, then lunch."));
        var inTitle = await alice.CreateAsync($"The {word} plan");

        var page = await alice.SearchUntilAsync(word, p => p.Count() == 2);

        Assert.Equal([inTitle, inBody], page.Ids());
        var snippet = page.GetProperty("results")[1].GetProperty("snippet").EnumerateArray().ToList();
        Assert.Contains(snippet, part => part.GetProperty("highlighted").GetBoolean() && part.GetProperty("text").GetString() == word);
        Assert.Contains(snippet, part => !part.GetProperty("highlighted").GetBoolean() && part.GetProperty("text").GetString()!.Contains("talked about the", StringComparison.Ordinal));
    }

    [Fact]
    public async Task English_stems_accents_prefixes_phrases_and_exclusions()
    {
        var alice = await stack.NewPersonAsync();
        var word = Word();
        var running = await alice.CreateAsync("Running");
        await alice.WriteAsync(running, Heading($"{word} report"), Paragraph("The children were running to the café with their documents."));
        var apples = await alice.CreateAsync("Fruit");
        await alice.WriteAsync(apples, Paragraph($"{word}: a red apple and a green pear."));
        var reversed = await alice.CreateAsync("Fruit again");
        await alice.WriteAsync(reversed, Paragraph($"{word}: the apple was red, the banana yellow."));
        await stack.IndexedAsync();

        Assert.Equal([running], (await alice.SearchAsync($"{word} runs")).Ids());        // stem
        Assert.Equal([running], (await alice.SearchAsync($"{word} CAFE")).Ids());        // accents and case
        Assert.Equal([running], (await alice.SearchAsync($"{word} docum")).Ids());       // the last word as a prefix
        Assert.Equal([apples], (await alice.SearchAsync($"{word} \"red apple\"")).Ids()); // a phrase
        Assert.Equal([apples], (await alice.SearchAsync($"{word} apple -banana")).Ids()); // an exclusion
        Assert.Equal(2, (await alice.SearchAsync($"{word} apple")).Count());
        Assert.Empty((await alice.SearchAsync($"{word} \"red apple")).Ids().Except([apples])); // an open quote is a phrase, never a prefix
    }

    [Fact]
    public async Task French_stems_and_accents_once_the_installation_indexes_in_french()
    {
        var alice = await stack.NewPersonAsync();
        await stack.SqlAsync("UPDATE users SET is_staff = true WHERE id = $1", alice.Id);
        var word = Word();
        var document = await alice.CreateAsync("Rentrée");
        await alice.WriteAsync(document, Paragraph($"{word} : les élèves étaient contents de l'année scolaire."));
        await stack.IndexedAsync();
        try
        {
            await stack.SqlAsync("UPDATE search_settings SET language = 'docs_french'");
            Assert.Equal(HttpStatusCode.Accepted, await alice.StatusAsync(HttpMethod.Post, "/api/v1.0/documents/search/rebuild/"));
            await alice.SearchUntilAsync($"{word} élève", p => p.Ids().SequenceEqual([document]));
            Assert.Equal([document], (await alice.SearchAsync($"{word} eleves")).Ids());
            Assert.Equal([document], (await alice.SearchAsync($"{word} annee")).Ids());
            Assert.Equal([document], (await alice.SearchAsync("rentree")).Ids());
        }
        finally
        {
            await stack.SqlAsync("UPDATE search_settings SET language = 'docs_english'");
            Assert.Equal(HttpStatusCode.Accepted, await alice.StatusAsync(HttpMethod.Post, "/api/v1.0/documents/search/rebuild/"));
            await stack.IndexedInAsync("docs_english");
        }
    }

    [Fact]
    public async Task The_rebuild_is_for_staff_only()
    {
        var bob = await stack.NewPersonAsync();
        using var response = await bob.SendAsync(HttpMethod.Post, "/api/v1.0/documents/search/rebuild/");
        await Person.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_edit_through_the_collaboration_server_is_found_within_ten_seconds_of_its_acknowledgement()
    {
        var alice = await stack.NewPersonAsync();
        var word = Word();
        var document = await alice.CreateAsync("Live");
        await using var client = await stack.OpenForWritingAsync(alice, document);

        byte[]? update = null;
        void Capture(byte[] u, object? origin, Transaction t) => update = u;
        client.Doc.Update += Capture;
        BlockNoteYjs.Write(client.Doc, [Paragraph($"Typed live: {word}")]);
        client.Doc.Update -= Capture;
        await client.SendAsync(HocuspocusMessages.Update(document.ToString(), update!));
        var status = await client.WaitForAsync(f => f.Type == HocuspocusMessageType.SyncStatus && f.DocumentName == document.ToString());
        Assert.Equal(1UL, status!.Body.ReadVarUint());
        var acknowledged = Stopwatch.StartNew();

        await alice.SearchUntilAsync(word, p => p.Ids().SequenceEqual([document]), TimeSpan.FromSeconds(10));
        Assert.True(acknowledged.Elapsed < TimeSpan.FromSeconds(10), $"Found after {acknowledged.Elapsed}");
    }

    [Fact]
    public async Task Renames_trash_and_restore_show_at_once()
    {
        var alice = await stack.NewPersonAsync();
        var word = Word();
        var document = await alice.CreateAsync("Draft");

        Assert.Equal(HttpStatusCode.OK, await alice.StatusAsync(HttpMethod.Patch, $"/api/v1.0/documents/{document}/", new { title = $"Final {word}" }));
        Assert.Equal([document], (await alice.SearchAsync(word)).Ids());

        Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{document}/"));
        Assert.Equal(0, (await alice.SearchAsync(word)).Count());

        Assert.Equal(HttpStatusCode.OK, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{document}/restore/"));
        Assert.Equal([document], (await alice.SearchAsync(word)).Ids());
    }

    [Fact]
    public async Task Filters_paths_and_pages()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var word = Word();
        var root = await alice.CreateAsync("Projects");
        var child = await alice.CreateAsync($"{word} one", root);
        var grandchild = await alice.CreateAsync($"{word} two", child);
        var shared = await bob.CreateAsync($"{word} from Bob");
        await bob.GrantAsync(shared, alice, "editor");
        Assert.Equal(HttpStatusCode.Created, await alice.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{grandchild}/favorite/"));

        var all = await alice.SearchAsync(word);
        Assert.Equal(3, all.Count());
        var deepest = all.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == grandchild);
        Assert.Equal(["Projects", $"{word} one"], deepest.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("title").GetString()));
        Assert.Equal([root, child], deepest.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        Assert.Equal(new HashSet<Guid> { child, grandchild }, (await alice.SearchAsync(word, $"&within={root}")).Ids().ToHashSet());
        Assert.Equal([grandchild], (await alice.SearchAsync(word, $"&within={child}&is_favorite=true")).Ids());
        Assert.DoesNotContain(shared, (await alice.SearchAsync(word, "&is_creator_me=true")).Ids());
        Assert.Equal(2, (await alice.SearchAsync(word, "&is_creator_me=true")).Count());
        Assert.Equal([shared], (await alice.SearchAsync(word, "&is_creator_me=false")).Ids());
        Assert.Equal(2, (await alice.SearchAsync(word, "&is_favorite=false")).Count());

        var first = await alice.SearchAsync(word, "&page_size=2");
        Assert.Equal(3, first.Count());
        Assert.Equal(2, first.Ids().Count);
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("next").ValueKind);
        var second = await alice.SearchAsync(word, "&page_size=2&page=2");
        Assert.Single(second.Ids());
        Assert.Empty(first.Ids().Intersect(second.Ids()));
    }

    [Fact]
    public async Task Bad_requests_are_problems()
    {
        var alice = await stack.NewPersonAsync();
        using (var missing = await alice.Api.GetAsync("/api/v1.0/documents/search/"))
        {
            Assert.True((await Person.ProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("q", out _));
        }
        using (var tooLong = await alice.Api.GetAsync($"/api/v1.0/documents/search/?q={new string('a', 201)}"))
        {
            await Person.ProblemAsync(tooLong, HttpStatusCode.BadRequest);
        }
        using (var pastTheEnd = await alice.Api.GetAsync($"/api/v1.0/documents/search/?q={Word()}&page=2"))
        {
            await Person.ProblemAsync(pastTheEnd, HttpStatusCode.NotFound);
        }
        using (var unknownTree = await alice.Api.GetAsync($"/api/v1.0/documents/search/?q=x&within={Guid.NewGuid()}"))
        {
            await Person.ProblemAsync(unknownTree, HttpStatusCode.NotFound);
        }
        using var anonymous = new ApiClient(stack.App);
        using var refused = await anonymous.GetAsync("/api/v1.0/documents/search/?q=x");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Document_text_is_plain_text_in_snippets_and_cannot_forge_a_mark()
    {
        var alice = await stack.NewPersonAsync();
        var word = Word();
        var document = await alice.CreateAsync("Markup");
        await alice.WriteAsync(document, Paragraph($"<b onclick=\"x()\">bold</b> \uE000forged\uE001 and {word}"));

        var page = await alice.SearchUntilAsync(word, p => p.Count() == 1);

        var parts = page.GetProperty("results")[0].GetProperty("snippet").EnumerateArray().ToList();
        Assert.Equal([word], parts.Where(p => p.GetProperty("highlighted").GetBoolean()).Select(p => p.GetProperty("text").GetString()));
        // PostgreSQL's headline leaves markup out; what remains is text, which clients show as text (never as HTML).
        var text = string.Concat(parts.Select(p => p.GetProperty("text").GetString()));
        Assert.Contains("bold", text, StringComparison.Ordinal);
        Assert.Contains("forged", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uE000', text);
    }
}
