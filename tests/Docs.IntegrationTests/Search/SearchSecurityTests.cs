using System.Net;
using System.Text.Json;
using static Docs.IntegrationTests.Search.SearchHelpers;

namespace Docs.IntegrationTests.Search;

/// <summary>
/// The search never shows a document the searcher cannot read now, nor counts it, nor quotes it in a snippet or a path:
/// a table of the ways a document can be out of reach. In each case Alice's document holds a word only it has, and Bob
/// looks for it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SearchSecurityTests(StackFixture stack)
{
    public static TheoryData<string> Cases => new()
    {
        "another user's document",
        "a restricted child under a public parent Bob never opened",
        "a document whose access was just removed",
        "a public document whose link was just restricted",
        "a document in the trash",
        "a child of a document in the trash",
        "a purged document",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bob_never_finds_counts_or_quotes_it(string @case)
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var secret = Word("secret");
        var hidden = await SetUpAsync(@case, alice, bob, secret);
        // A document Bob reads, which a snippet could leak into if the query were not filtered.
        var visible = await bob.CreateAsync("Bob's own");
        await bob.WriteAsync(visible, Paragraph($"{Word()} nothing here"));
        await stack.IndexedAsync();

        // Alice, who can read it (or could), is the control: the index has the word.
        if (@case is not ("a purged document" or "a document in the trash" or "a child of a document in the trash"))
        {
            Assert.Contains(hidden, (await alice.SearchAsync(secret)).Ids());
        }
        foreach (var q in new[] { secret, secret[..^2], $"\"{secret}\"", $"{secret} OR nothing" })
        {
            var page = await bob.SearchAsync(q);
            Assert.Equal(0, page.Count());
            Assert.Empty(page.Ids());
            Assert.DoesNotContain(secret, page.ToString(), StringComparison.Ordinal);
        }
    }

    private async Task<Guid> SetUpAsync(string @case, Person alice, Person bob, string secret)
    {
        switch (@case)
        {
            case "another user's document":
            {
                var document = await alice.CreateAsync($"Plans {secret}");
                await alice.WriteAsync(document, Paragraph($"The {secret} is here."));
                return document;
            }
            case "a restricted child under a public parent Bob never opened":
            {
                var parent = await alice.CreateAsync("Public parent");
                await SetLinkAsync(alice, parent, "public");
                var child = await alice.CreateAsync("Child", parent);
                await alice.WriteAsync(child, Paragraph($"The {secret} is here."));
                return child;
            }
            case "a document whose access was just removed":
            {
                var document = await alice.CreateAsync("Shared for a while");
                await alice.WriteAsync(document, Paragraph($"The {secret} is here."));
                using var granted = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{document}/accesses/", new { user_id = bob.Id, role = "reader" });
                var access = (await Person.ExpectAsync(granted, HttpStatusCode.Created)).GetProperty("id").GetGuid();
                await stack.IndexedAsync();
                Assert.Equal([document], (await bob.SearchAsync(secret)).Ids());
                Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{document}/accesses/{access}/"));
                return document;
            }
            case "a public document whose link was just restricted":
            {
                var document = await alice.CreateAsync("Public for a while");
                await alice.WriteAsync(document, Paragraph($"The {secret} is here."));
                await SetLinkAsync(alice, document, "public");
                await bob.GetAsync($"/api/v1.0/documents/{document}/"); // Bob opens the link: it is his to find
                await stack.IndexedAsync();
                Assert.Equal([document], (await bob.SearchAsync(secret)).Ids());
                await SetLinkAsync(alice, document, "restricted");
                return document;
            }
            case "a document in the trash":
            {
                var document = await alice.CreateAsync($"Old {secret}");
                await alice.WriteAsync(document, Paragraph($"The {secret} is here."));
                await alice.GrantAsync(document, bob, "editor");
                Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{document}/"));
                Assert.Empty((await alice.SearchAsync(secret)).Ids());
                return document;
            }
            case "a child of a document in the trash":
            {
                var parent = await alice.CreateAsync("Parent");
                await alice.GrantAsync(parent, bob, "editor");
                var child = await alice.CreateAsync($"Child {secret}", parent);
                Assert.Equal(HttpStatusCode.NoContent, await alice.StatusAsync(HttpMethod.Delete, $"/api/v1.0/documents/{parent}/"));
                Assert.Empty((await alice.SearchAsync(secret)).Ids());
                return child;
            }
            case "a purged document":
            {
                var document = await alice.CreateAsync($"Gone {secret}");
                await alice.WriteAsync(document, Paragraph($"The {secret} is here."));
                await alice.GrantAsync(document, bob, "editor");
                await stack.SqlAsync("DELETE FROM documents WHERE id = $1", document); // what the trash purge does
                Assert.Empty((await alice.SearchAsync(secret)).Ids());
                return document;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(@case), @case, null);
        }
    }

    [Fact]
    public async Task A_shared_child_is_found_without_its_parent_title_in_its_path()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var secret = Word("secret");
        var word = Word();
        var parent = await alice.CreateAsync($"Parent {secret}");
        var child = await alice.CreateAsync($"Child {word}", parent);
        await alice.GrantAsync(child, bob, "reader");

        var page = await bob.SearchAsync(word);

        Assert.Equal([child], page.Ids());
        Assert.Equal(0, page.GetProperty("results")[0].GetProperty("path").GetArrayLength());
        Assert.DoesNotContain(secret, page.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await bob.SearchAsync(secret)).Count());
    }

    [Fact]
    public async Task A_public_tree_Bob_opened_is_found_with_its_children()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var word = Word();
        var parent = await alice.CreateAsync($"Handbook {word}");
        await SetLinkAsync(alice, parent, "authenticated");
        var child = await alice.CreateAsync($"Chapter {word}", parent);
        Assert.Equal(0, (await bob.SearchAsync(word)).Count());

        await bob.GetAsync($"/api/v1.0/documents/{parent}/");

        Assert.Equal(new HashSet<Guid> { child, parent }, (await bob.SearchAsync(word)).Ids().ToHashSet());
    }

    private static async Task SetLinkAsync(Person owner, Guid document, string reach)
    {
        using var response = await owner.SendAsync(HttpMethod.Put, $"/api/v1.0/documents/{document}/link-configuration/", new { link_reach = reach, link_role = "reader" });
        await Person.ExpectAsync(response, HttpStatusCode.OK);
    }
}
