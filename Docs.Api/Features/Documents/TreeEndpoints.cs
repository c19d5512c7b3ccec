using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>The tree around a document, its whole subtree, moves and duplication.</summary>
public static class TreeEndpoints
{
    /// <summary>The largest subtree <c>descendants/</c> returns in one answer.</summary>
    public const int MaxDescendants = 5000;

    public static RouteGroupBuilder MapTreeEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Tree");
        documents.MapGet("/{id:guid}/tree/", TreeAsync);
        documents.MapGet("/{id:guid}/descendants/", DescendantsAsync);
        documents.MapPost("/{id:guid}/move/", MoveAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        documents.MapPost("/{id:guid}/duplicate/", DuplicateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        return api;
    }

    /// <summary>
    /// From the highest ancestor the caller can see down to the document: each level with all its
    /// children (the document's siblings and those of its ancestors), and the document's own children.
    /// </summary>
    private static async Task<IResult> TreeAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var found = await gate.FindAsync(id, context.User, context.RequestAborted);
        if (found is null)
        {
            return Problems.NotFound();
        }
        var document = found.Document;
        var ancestorPaths = TreePath.Ancestors(document.Path).ToArray();
        var ancestors = await gate.Db.Documents.AsNoTracking().Where(d => ancestorPaths.Contains(d.Path)).OrderBy(d => d.Path).ToListAsync(context.RequestAborted);
        var access = await gate.Resolver.ResolveAsync(ancestors, found.UserId, context.RequestAborted);
        var top = ancestors.FirstOrDefault(a => access[a.Id].Abilities.Retrieve && a.DeletedAt is null) ?? document;
        var chain = ancestors.Where(a => string.CompareOrdinal(a.Path, top.Path) >= 0).Append(document).ToList();

        // Children of every node of the chain, in one query.
        var parents = chain.Select(c => c.Path).ToArray();
        var children = await gate.Db.Documents.AsNoTracking()
            .Where(d => d.DeletedAt == null && d.Depth > top.Depth && d.Depth <= document.Depth + 1
                && parents.Contains(d.Path.Substring(0, d.Path.Length - Document.StepLength)))
            .OrderBy(d => d.Path).ToListAsync(context.RequestAborted);
        var all = chain.Concat(children).DistinctBy(d => d.Id).ToList();
        var nodes = await NodesAsync(gate, all, found.UserId, context.RequestAborted);
        foreach (var node in nodes.Values.Where(n => n.Path != top.Path).OrderBy(n => n.Path, StringComparer.Ordinal))
        {
            if (nodes.TryGetValue(TreePath.Parent(node.Path)!, out var parent))
            {
                parent.Children!.Add(node);
            }
        }
        return Results.Ok(nodes[top.Path]);
    }

    /// <summary>The document's whole subtree (not trashed), nested; at most <see cref="MaxDescendants"/> nodes.</summary>
    private static async Task<IResult> DescendantsAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.ChildrenList, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var root = found.Document;
        var subtree = await gate.Db.Documents.AsNoTracking()
            .Where(d => d.Path.StartsWith(root.Path) && d.Path != root.Path && d.DeletedAt == null && d.AncestorsDeletedAt == null)
            .OrderBy(d => d.Path).Take(MaxDescendants + 1).ToListAsync(context.RequestAborted);
        if (subtree.Count > MaxDescendants)
        {
            return Problems.BadRequest($"This subtree has more than {MaxDescendants} documents: list it level by level with children/.");
        }
        subtree.Insert(0, root);
        // Inside a subtree the caller's abilities only grow downwards, so the root's resolution covers all but explicit roles below.
        var nodes = await NodesAsync(gate, subtree, found.UserId, context.RequestAborted);
        foreach (var document in subtree.Skip(1))
        {
            if (nodes.TryGetValue(TreePath.Parent(document.Path)!, out var parent))
            {
                parent.Children!.Add(nodes[document.Path]);
            }
        }
        return Results.Ok(nodes[root.Path]);
    }

    private static async Task<Dictionary<string, TreeNode>> NodesAsync(DocumentGate gate, List<Document> documents, Guid? userId, CancellationToken cancellationToken)
    {
        var access = await gate.Resolver.ResolveAsync(documents, userId, cancellationToken);
        return documents.ToDictionary(d => d.Path, d => new TreeNode(d.Id, d.Title, d.Path, d.Depth, d.NumChild, d.UpdatedAt,
            access[d.Id].EffectiveRole, access[d.Id].Abilities, []), StringComparer.Ordinal);
    }

    private static async Task<IResult> MoveAsync(HttpContext context, DocumentGate gate, DocumentTree tree, CollaborationNotifier collaboration,
        Guid id, MoveDocumentRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.TargetDocumentId is null)
        {
            errors["target_document_id"] = ["Required."];
        }
        var position = MovePosition.LastChild;
        if (request.Position is not null && !EnumNames.TryParseKebab(request.Position, out position))
        {
            errors["position"] = ["One of first-child, last-child, first-sibling, last-sibling, left, right."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Move, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var target = await gate.FindAsync(request.TargetDocumentId!.Value, context.User, context.RequestAborted);
        if (target is null)
        {
            return Problems.Validation("target_document_id", "No such document.");
        }
        if (TreePath.IsInSubtreeOf(target.Document.Path, found.Document.Path))
        {
            return Problems.Validation("target_document_id", "A document cannot move into itself or its own subtree.");
        }
        var asChild = position is MovePosition.FirstChild or MovePosition.LastChild;
        var newParentPath = asChild ? target.Document.Path : TreePath.Parent(target.Document.Path);
        if (target.Document.DeletedAt is not null || target.Document.AncestorsDeletedAt is not null)
        {
            return Problems.Validation("target_document_id", "The target is in the trash.");
        }
        if (newParentPath is not null)
        {
            var newParent = newParentPath == target.Document.Path
                ? target
                : await gate.FindAsync(await gate.Db.Documents.Where(d => d.Path == newParentPath).Select(d => d.Id).SingleAsync(context.RequestAborted),
                    context.User, context.RequestAborted);
            if (newParent is null || !newParent.Abilities.ChildrenCreate)
            {
                return Problems.Forbidden("You cannot add documents there.");
            }
        }
        else if (found.Access.ExplicitRole != Role.Owner)
        {
            // At the top level a document keeps only its own accesses: its mover must own it there.
            gate.Db.DocumentAccesses.Add(new DocumentAccess { DocumentId = id, UserId = found.UserId!.Value, Role = Role.Owner, CreatedAt = gate.Now, UpdatedAt = gate.Now });
            if (found.Access.ExplicitRole is not null)
            {
                await gate.Db.DocumentAccesses.Where(a => a.DocumentId == id && a.UserId == found.UserId).ExecuteDeleteAsync(context.RequestAborted);
            }
        }
        await tree.InTransactionAsync(async () =>
        {
            await gate.Db.SaveChangesAsync(context.RequestAborted);
            await tree.MoveAsync(found.Document, target.Document, position, context.RequestAborted);
            return true;
        }, context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id);
        var moved = await gate.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == id, context.RequestAborted);
        return Results.Ok(await gate.DescribeAsync(moved, found.UserId, context.RequestAborted));
    }

    /// <summary>A copy placed just after the original, with its content; optionally its accesses and its whole subtree.</summary>
    private static async Task<IResult> DuplicateAsync(HttpContext context, DocumentGate gate, DocumentTree tree, Guid id, DuplicateDocumentRequest? request)
    {
        request ??= new DuplicateDocumentRequest();
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Duplicate, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        if (request.WithAccesses && !found.Abilities.AccessesManage)
        {
            return Problems.Forbidden("Only administrators and owners can copy the accesses.");
        }
        var original = found.Document;
        var content = (await DocumentStates.ReadAsync(gate.Db, id, context.RequestAborted))?.Merge();
        var userId = found.UserId!.Value;
        var now = gate.Now;
        var copy = new Document
        {
            Title = Truncate($"Copy of {original.Title}".Trim(), DocumentRules.MaxTitleLength),
            Excerpt = original.Excerpt,
            Content = content,
            ContentUpdatedAt = original.ContentUpdatedAt,
            LinkReach = original.LinkReach,
            LinkRole = original.LinkRole,
            Attachments = [.. original.Attachments],
            DuplicatedFromId = original.Id,
            CreatorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
            Path = "",
        };
        await tree.InTransactionAsync(async () =>
        {
            var parentPath = TreePath.Parent(original.Path);
            var parent = parentPath is null ? null : await gate.Db.Documents.AsNoTracking().SingleAsync(d => d.Path == parentPath, context.RequestAborted);
            await tree.AddAsync(copy, parent, context.RequestAborted);
            await tree.MoveAsync(copy, original, MovePosition.Right, context.RequestAborted);
            copy = await gate.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == copy.Id, context.RequestAborted);
            if (request.WithDescendants)
            {
                await CopyDescendantsAsync(gate, original.Path, copy.Path, userId, now, request.WithAccesses, context.RequestAborted);
            }
            if (request.WithAccesses)
            {
                await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                    SELECT gen_random_uuid(), {copy.Id}, user_id, role, {now}, {now} FROM document_accesses WHERE document_id = {original.Id}
                    ON CONFLICT DO NOTHING
                    """, context.RequestAborted);
            }
            if (found.Access.EffectiveRole != Role.Owner || parentPath is null)
            {
                await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                    VALUES ({Guid.CreateVersion7()}, {copy.Id}, {userId}, 'owner', {now}, {now})
                    ON CONFLICT (document_id, user_id) DO UPDATE SET role = 'owner', updated_at = {now}
                    """, context.RequestAborted);
            }
            return true;
        }, context.RequestAborted);
        var saved = await gate.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == copy.Id, context.RequestAborted);
        return Results.Created($"/api/v1.0/documents/{saved.Id}/", await gate.DescribeAsync(saved, userId, context.RequestAborted));
    }

    /// <summary>Gives each copy below <paramref name="toPath"/> its original's current state (snapshot and log), not the snapshot alone.</summary>
    private static async Task CopyCurrentStatesAsync(DocumentGate gate, string toPath, CancellationToken cancellationToken)
    {
        var copies = await gate.Db.Documents.AsNoTracking()
            .Where(d => d.Path.StartsWith(toPath) && d.Path != toPath && d.DuplicatedFromId != null)
            .Select(d => new { d.Id, Original = d.DuplicatedFromId!.Value })
            .ToListAsync(cancellationToken);
        var states = await DocumentStates.ReadManyAsync(gate.Db, [.. copies.Select(c => c.Original)], cancellationToken);
        var ids = copies.Select(c => c.Id).ToArray();
        var contents = copies.Select(c => states.GetValueOrDefault(c.Original)?.Merge()).ToArray();
        await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE documents d SET content = t.content FROM unnest({ids}, {contents}) AS t(id, content) WHERE d.id = t.id
            """, cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>Copies the live (not trashed) descendants under the copy's path, keeping their shape; then recounts children.</summary>
    private static async Task CopyDescendantsAsync(DocumentGate gate, string fromPath, string toPath, Guid userId, DateTimeOffset now, bool withAccesses,
        CancellationToken cancellationToken)
    {
        var start = fromPath.Length + 1;
        await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO documents (id, title, excerpt, link_reach, link_role, creator_id, path, depth, num_child, created_at, updated_at,
                                   duplicated_from_id, attachments, content, content_updated_at)
            SELECT gen_random_uuid(), title, excerpt, link_reach, link_role, {userId}, {toPath} || substr(path, {start}), depth - {TreePath.Depth(fromPath)} + {TreePath.Depth(toPath)},
                   0, {now}, {now}, id, attachments, NULL, content_updated_at
            FROM documents WHERE path LIKE {fromPath + "%"} AND path <> {fromPath} AND deleted_at IS NULL AND ancestors_deleted_at IS NULL
            """, cancellationToken);
        await CopyCurrentStatesAsync(gate, toPath, cancellationToken);
        if (withAccesses)
        {
            await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                SELECT gen_random_uuid(), copy.id, a.user_id, a.role, {now}, {now}
                FROM document_accesses a JOIN documents source ON source.id = a.document_id
                JOIN documents copy ON copy.path = {toPath} || substr(source.path, {start})
                WHERE source.path LIKE {fromPath + "%"} AND source.path <> {fromPath}
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
        await gate.Db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE documents p SET num_child = (SELECT count(*) FROM documents c WHERE c.depth = p.depth + 1 AND c.path LIKE p.path || '%')
            WHERE p.path LIKE {toPath + "%"}
            """, cancellationToken);
    }
}
