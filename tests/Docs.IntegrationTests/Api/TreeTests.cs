using System.Net;
using System.Text.Json;

namespace Docs.IntegrationTests.Api;

/// <summary>The tree three levels deep: children, tree, descendants, moves in every position, the refused move into its own subtree.</summary>
[Collection(StackCollection.Name)]
public sealed class TreeTests(StackFixture stack)
{
    [Fact]
    public async Task Children_and_the_tree_around_a_document()
    {
        var alice = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var a = await alice.CreateAsync("A", root);
        var b = await alice.CreateAsync("B", root);
        var a1 = await alice.CreateAsync("A1", a);
        var a2 = await alice.CreateAsync("A2", a);
        var a1x = await alice.CreateAsync("A1x", a1);

        var children = await alice.GetAsync($"/api/v1.0/documents/{root}/children/");
        Assert.Equal(["A", "B"], DocumentTests.Titles(children));
        var rootDoc = await alice.GetAsync($"/api/v1.0/documents/{root}/");
        Assert.Equal(2, rootDoc.GetProperty("numchild").GetInt32());
        Assert.Equal(4, (await alice.GetAsync($"/api/v1.0/documents/{a1x}/")).GetProperty("depth").GetInt32());

        // The tree of A1: Root with its children A (expanded, with A1 and A2) and B; A1 with its child A1x.
        var tree = await alice.GetAsync($"/api/v1.0/documents/{a1}/tree/");
        Assert.Equal(root, tree.GetProperty("id").GetGuid());
        Assert.Equal(["A", "B"], Names(tree));
        var nodeA = Child(tree, "A");
        Assert.Equal(["A1", "A2"], Names(nodeA));
        Assert.Equal(["A1x"], Names(Child(nodeA, "A1")));
        Assert.Empty(Names(Child(tree, "B")));

        var descendants = await alice.GetAsync($"/api/v1.0/documents/{root}/descendants/");
        Assert.Equal(["A1x"], Names(Child(Child(descendants, "A"), "A1")));
        _ = (b, a2);
    }

    [Fact]
    public async Task A_member_of_a_subpage_only_sees_the_tree_from_there()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var a = await alice.CreateAsync("A", root);
        var a1 = await alice.CreateAsync("A1", a);
        await alice.GrantAsync(a, bob, "editor");

        var tree = await bob.GetAsync($"/api/v1.0/documents/{a1}/tree/");
        Assert.Equal(a, tree.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Get, $"/api/v1.0/documents/{root}/"));
        // Bob's list shows A (his top document), not Root.
        Assert.Equal(["A"], DocumentTests.Titles(await bob.GetAsync("/api/v1.0/documents/")));
    }

    [Fact]
    public async Task Moves_in_every_position_across_parents_keep_subtrees_and_counts()
    {
        var alice = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var a = await alice.CreateAsync("A", root);
        var b = await alice.CreateAsync("B", root);
        var c = await alice.CreateAsync("C", root);
        var a1 = await alice.CreateAsync("A1", a);
        var a1x = await alice.CreateAsync("A1x", a1);

        // A1 (with its child) moves under B, across parents.
        await MoveAsync(alice, a1, b, "last-child");
        Assert.Equal(["A1"], DocumentTests.Titles(await alice.GetAsync($"/api/v1.0/documents/{b}/children/")));
        Assert.Equal(0, (await alice.GetAsync($"/api/v1.0/documents/{a}/")).GetProperty("numchild").GetInt32());
        Assert.Equal(1, (await alice.GetAsync($"/api/v1.0/documents/{b}/")).GetProperty("numchild").GetInt32());
        var moved = await alice.GetAsync($"/api/v1.0/documents/{a1x}/");
        Assert.Equal(4, moved.GetProperty("depth").GetInt32());
        Assert.StartsWith((await alice.GetAsync($"/api/v1.0/documents/{a1}/")).GetProperty("path").GetString()!, moved.GetProperty("path").GetString());

        await MoveAsync(alice, c, a, "left");
        Assert.Equal(["C", "A", "B"], await ChildrenAsync(alice, root));
        await MoveAsync(alice, c, b, "right");
        Assert.Equal(["A", "B", "C"], await ChildrenAsync(alice, root));
        await MoveAsync(alice, c, a, "first-sibling");
        Assert.Equal(["C", "A", "B"], await ChildrenAsync(alice, root));
        await MoveAsync(alice, c, a, "last-sibling");
        Assert.Equal(["A", "B", "C"], await ChildrenAsync(alice, root));
        await MoveAsync(alice, c, b, "first-child");
        Assert.Equal(["C", "A1"], await ChildrenAsync(alice, b));
        // Between two adjacent siblings: the ones to the right shift.
        var d = await alice.CreateAsync("D", b);
        await MoveAsync(alice, d, a1, "left");
        Assert.Equal(["C", "D", "A1"], await ChildrenAsync(alice, b));
        Assert.Equal(["A1x"], await ChildrenAsync(alice, a1));
    }

    [Fact]
    public async Task A_document_cannot_move_into_its_own_subtree_and_needs_rights_on_both_ends()
    {
        var alice = await stack.NewPersonAsync();
        var bob = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        var a = await alice.CreateAsync("A", root);
        var a1 = await alice.CreateAsync("A1", a);

        foreach (var target in new[] { a, a1 })
        {
            using var response = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{a}/move/", new { target_document_id = target, position = "last-child" });
            var problem = await Person.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("target_document_id", out _));
        }
        using (var badPosition = await alice.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{a1}/move/", new { target_document_id = root, position = "sideways" }))
        {
            Assert.True((await Person.ProblemAsync(badPosition, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("position", out _));
        }

        // Bob, editor of his own tree, cannot pull Alice's page into it, nor push his into hers.
        var bobs = await bob.CreateAsync("Bob's");
        Assert.Equal(HttpStatusCode.NotFound, await bob.StatusAsync(HttpMethod.Post, $"/api/v1.0/documents/{a1}/move/", new { target_document_id = bobs, position = "last-child" }));
        using var push = await bob.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{bobs}/move/", new { target_document_id = a, position = "last-child" });
        Assert.Equal(HttpStatusCode.BadRequest, push.StatusCode); // the target is unknown to him
        Assert.Equal(["A1"], await ChildrenAsync(alice, a));
    }

    [Fact]
    public async Task Concurrent_creations_under_one_parent_get_distinct_places()
    {
        var alice = await stack.NewPersonAsync();
        var root = await alice.CreateAsync("Root");
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => alice.CreateAsync($"N{i:00}", root)));

        var children = await alice.GetAsync($"/api/v1.0/documents/{root}/children/?page_size=50");
        Assert.Equal(12, children.GetProperty("count").GetInt32());
        Assert.Equal(12, (await alice.GetAsync($"/api/v1.0/documents/{root}/")).GetProperty("numchild").GetInt32());
    }

    private static async Task MoveAsync(Person person, Guid document, Guid target, string position)
    {
        using var response = await person.SendAsync(HttpMethod.Post, $"/api/v1.0/documents/{document}/move/", new { target_document_id = target, position });
        await Person.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static async Task<List<string?>> ChildrenAsync(Person person, Guid parent) =>
        DocumentTests.Titles(await person.GetAsync($"/api/v1.0/documents/{parent}/children/"));

    private static List<string?> Names(JsonElement node) =>
        node.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();

    private static JsonElement Child(JsonElement node, string title) =>
        node.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("title").GetString() == title);
}
