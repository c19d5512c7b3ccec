using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Bench;

/// <summary>
/// The data set: 100 users, each owning a five-level tree of 100 documents (1 + 3 + 9 + 27 + 60) and
/// editor of five others' trees: 10,000 documents. Plus one tree of 1,011 documents (1 + 10 + 100 + 900)
/// for the large-subtree measurement.
/// </summary>
public sealed class Seed
{
    public const int Users = 100;
    public static readonly int[] Branching = [3, 3, 3, 60];

    public List<(Guid Id, string Sub)> People { get; } = [];

    /// <summary>Per user, the documents they can open.</summary>
    public Dictionary<Guid, List<Guid>> Reachable { get; } = [];

    /// <summary>Per user, the deepest documents of their own tree.</summary>
    public Dictionary<Guid, List<Guid>> Leaves { get; } = [];

    public Guid LargeSubtreeRoot { get; private set; }

    public int DocumentCount { get; private set; }

    public async Task WriteAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new DocsDbContext(options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        var roots = new List<Document>();
        for (var u = 0; u < Users; u++)
        {
            var user = new User { Sub = Guid.NewGuid().ToString(), Email = $"bench{u}@example.org", FullName = $"Bench User {u}", ShortName = "Bench" };
            db.Users.Add(user);
            People.Add((user.Id, user.Sub));
            var documents = new List<Document>();
            var root = Node(null, DocumentTree.Origin + u, user.Id, now, documents);
            roots.Add(root);
            var level = new List<Document> { root };
            foreach (var branches in Branching)
            {
                var next = new List<Document>();
                var total = branches == 60 ? 60 : level.Count * branches;
                for (var i = 0; i < total; i++)
                {
                    var parent = level[i % level.Count];
                    next.Add(Node(parent, DocumentTree.Origin + parent.NumChild, user.Id, now, documents));
                }
                level = next;
            }
            db.Documents.AddRange(documents);
            db.DocumentAccesses.Add(new DocumentAccess { DocumentId = root.Id, UserId = user.Id, Role = Role.Owner });
            Reachable[user.Id] = documents.Select(d => d.Id).ToList();
            Leaves[user.Id] = level.Select(d => d.Id).ToList();
            DocumentCount += documents.Count;
        }
        for (var u = 0; u < Users; u++)
        {
            for (var k = 1; k <= 5; k++)
            {
                var other = (u + k * 7) % Users;
                db.DocumentAccesses.Add(new DocumentAccess { DocumentId = roots[other].Id, UserId = People[u].Id, Role = Role.Editor });
                Reachable[People[u].Id].AddRange(Reachable[People[other].Id].Take(100));
            }
        }

        var large = new List<Document>();
        var largeRoot = Node(null, DocumentTree.Origin + Users, People[0].Id, now, large);
        var tier = new List<Document> { largeRoot };
        foreach (var branches in new[] { 10, 10, 9 })
        {
            tier = tier.SelectMany(parent => Enumerable.Range(0, branches).Select(_ => Node(parent, DocumentTree.Origin + parent.NumChild, People[0].Id, now, large))).ToList();
        }
        db.Documents.AddRange(large);
        db.DocumentAccesses.Add(new DocumentAccess { DocumentId = largeRoot.Id, UserId = People[0].Id, Role = Role.Owner });
        LargeSubtreeRoot = largeRoot.Id;
        DocumentCount += large.Count;

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

    private static Document Node(Document? parent, long step, Guid creator, DateTimeOffset now, List<Document> into)
    {
        var path = TreePath.Child(parent?.Path, step);
        var document = new Document
        {
            Title = $"Document {path}",
            Path = path,
            Depth = TreePath.Depth(path),
            CreatorId = creator,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (parent is not null)
        {
            parent.NumChild++;
        }
        into.Add(document);
        return document;
    }
}
