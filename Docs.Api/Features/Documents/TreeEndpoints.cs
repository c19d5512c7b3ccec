using Docs.Api.Features.Attachments;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Attachments;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
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
        documents.MapGet("/{id:guid}/tree/", TreeAsync).RequireDocument(a => a.Retrieve)
            .WithName("GetTree").WithSummary("The tree around a document, from the highest ancestor the caller can see.");
        documents.MapGet("/{id:guid}/descendants/", DescendantsAsync).RequireDocument(a => a.ChildrenList)
            .WithName("GetDescendants").WithSummary("A document's whole subtree (not trashed), nested.");
        documents.MapPost("/{id:guid}/move/", MoveAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.Move)
            .WithName("MoveDocument").WithSummary("Moves a document and its subtree relative to a target document.");
        documents.MapPost("/{id:guid}/duplicate/", DuplicateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.Duplicate)
            .WithName("DuplicateDocument").WithSummary("A copy placed just after the original; optionally with its accesses and its subtree.");
        return api;
    }

    /// <summary>
    /// From the highest ancestor the caller can see down to the document: each level with all its
    /// children (the document's siblings and those of its ancestors), and the document's own children.
    /// </summary>
    private static async Task<Ok<TreeNode>> TreeAsync(HttpContext context, CurrentDocument current, DocsDbContext db, DocumentAccessResolver resolver)
    {
        var document = current.Document;
        var ancestorPaths = TreePath.Ancestors(document.Path).ToArray();
        var ancestors = await db.Documents.AsNoTracking().Where(d => ancestorPaths.Contains(d.Path)).OrderBy(d => d.Path).ToListAsync(context.RequestAborted);
        var access = await resolver.ResolveAsync(ancestors, current.UserId, context.RequestAborted);
        var top = ancestors.FirstOrDefault(a => access[a.Id].Abilities.Retrieve && a.DeletedAt is null) ?? document;
        var chain = ancestors.Where(a => string.CompareOrdinal(a.Path, top.Path) >= 0).Append(document).ToList();

        // Children of every node of the chain, in one query.
        var parents = chain.Select(c => c.Path).ToArray();
        var children = await db.Documents.AsNoTracking()
            .Where(d => d.DeletedAt == null && d.Depth > top.Depth && d.Depth <= document.Depth + 1
                && parents.Contains(d.Path.Substring(0, d.Path.Length - Document.StepLength)))
            .OrderBy(d => d.Path).ToListAsync(context.RequestAborted);
        var all = chain.Concat(children).DistinctBy(d => d.Id).ToList();
        var nodes = await NodesAsync(resolver, all, current.UserId, context.RequestAborted);
        foreach (var node in nodes.Values.Where(n => n.Path != top.Path).OrderBy(n => n.Path, StringComparer.Ordinal))
        {
            if (nodes.TryGetValue(TreePath.Parent(node.Path)!, out var parent))
            {
                parent.Children!.Add(node);
            }
        }
        return TypedResults.Ok(nodes[top.Path]);
    }

    /// <summary>The document's whole subtree (not trashed), nested; at most <see cref="MaxDescendants"/> nodes.</summary>
    private static async Task<Results<Ok<TreeNode>, BadRequestProblem>> DescendantsAsync(HttpContext context, CurrentDocument current, DocsDbContext db,
        DocumentAccessResolver resolver)
    {
        var root = current.Document;
        var subtree = await db.Documents.AsNoTracking().DescendantsOf(root.Path)
            .Where(d => d.DeletedAt == null && d.AncestorsDeletedAt == null)
            .OrderBy(d => d.Path).Take(MaxDescendants + 1).ToListAsync(context.RequestAborted);
        if (subtree.Count > MaxDescendants)
        {
            return Problems.BadRequest($"This subtree has more than {MaxDescendants} documents: list it level by level with children/.");
        }
        subtree.Insert(0, root);
        // Inside a subtree the caller's abilities only grow downwards, so the root's resolution covers all but explicit roles below.
        var nodes = await NodesAsync(resolver, subtree, current.UserId, context.RequestAborted);
        foreach (var document in subtree.Skip(1))
        {
            if (nodes.TryGetValue(TreePath.Parent(document.Path)!, out var parent))
            {
                parent.Children!.Add(nodes[document.Path]);
            }
        }
        return TypedResults.Ok(nodes[root.Path]);
    }

    private static async Task<Dictionary<string, TreeNode>> NodesAsync(DocumentAccessResolver resolver, List<Document> documents, Guid? userId,
        CancellationToken cancellationToken)
    {
        var access = await resolver.ResolveAsync(documents, userId, cancellationToken);
        return documents.ToDictionary(d => d.Path, d => new TreeNode(d.Id, d.Title, d.Path, d.Depth, d.NumChild, d.UpdatedAt,
            access[d.Id].EffectiveRole, access[d.Id].Abilities, []), StringComparer.Ordinal);
    }

    private static async Task<Results<Ok<DocumentResponse>, FieldsProblem, ForbiddenProblem>> MoveAsync(HttpContext context, CurrentDocument current,
        DocumentGate gate, DocsDbContext db, DocumentTree tree, DocumentResponses responses, CollaborationNotifier collaboration, TimeProvider time,
        MoveDocumentRequest request)
    {
        var found = current.Found;
        var id = current.Id;
        var position = request.ParsedPosition;
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
                : await gate.FindAsync(await db.Documents.Where(d => d.Path == newParentPath).Select(d => d.Id).SingleAsync(context.RequestAborted),
                    context.User, context.RequestAborted);
            if (newParent is null || !newParent.Abilities.ChildrenCreate)
            {
                return Problems.Forbidden("You cannot add documents there.");
            }
        }
        else if (found.Access.ExplicitRole != Role.Owner)
        {
            // At the top level a document keeps only its own accesses: its mover must own it there.
            var now = time.GetUtcNow();
            db.DocumentAccesses.Add(new DocumentAccess { DocumentId = id, UserId = found.UserId!.Value, Role = Role.Owner, CreatedAt = now, UpdatedAt = now });
            if (found.Access.ExplicitRole is not null)
            {
                await db.DocumentAccesses.Where(a => a.DocumentId == id && a.UserId == found.UserId).ExecuteDeleteAsync(context.RequestAborted);
            }
        }
        await tree.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(context.RequestAborted);
            await tree.MoveAsync(found.Document, target.Document, position, context.RequestAborted);
            return true;
        }, context.RequestAborted);
        await collaboration.PermissionsChangedAsync(id);
        var moved = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == id, context.RequestAborted);
        return TypedResults.Ok(await responses.DescribeAsync(moved, found.UserId, context.RequestAborted));
    }

    /// <summary>A copy placed just after the original, with its content; optionally its accesses and its whole subtree.</summary>
    private static async Task<Results<Created<DocumentResponse>, ForbiddenProblem>> DuplicateAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db, DocumentTree tree, AttachmentCopies attachments, AttachmentScans scans, DocumentResponses responses, TimeProvider time,
        DuplicateDocumentRequest? request)
    {
        request ??= new DuplicateDocumentRequest();
        var found = current.Found;
        var id = current.Id;
        if (request.WithAccesses && !found.Abilities.AccessesManage)
        {
            return Problems.Forbidden("Only administrators and owners can copy the accesses.");
        }
        var original = found.Document;
        var content = (await DocumentStates.ReadAsync(db, id, context.RequestAborted))?.Merge();
        var userId = found.UserId!.Value;
        var now = time.GetUtcNow();
        var copy = new Document
        {
            Title = Truncate($"Copy of {original.Title}".Trim(), DocumentRules.MaxTitleLength),
            Excerpt = original.Excerpt,
            ContentUpdatedAt = original.ContentUpdatedAt,
            LinkReach = original.LinkReach,
            LinkRole = original.LinkRole,
            DuplicatedFromId = original.Id,
            CreatorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
            Path = "",
        };
        // Before the transaction (no tree lock held while blobs are copied); a copy that then fails leaves orphans the daily clean-up deletes.
        var copied = await attachments.CopyAsync(copy.Id, original.Attachments, content, context.RequestAborted);
        await scans.InheritAsync(copied.NewKeys, context.RequestAborted);
        copy.Content = copied.Content;
        copy.Attachments = [.. copied.Keys];
        await tree.InTransactionAsync(async () =>
        {
            var parentPath = TreePath.Parent(original.Path);
            var parent = parentPath is null ? null : await db.Documents.AsNoTracking().SingleAsync(d => d.Path == parentPath, context.RequestAborted);
            await tree.AddAsync(copy, parent, context.RequestAborted);
            await tree.MoveAsync(copy, original, MovePosition.Right, context.RequestAborted);
            copy = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == copy.Id, context.RequestAborted);
            if (request.WithDescendants)
            {
                await tree.CopyDescendantsAsync(original.Path, copy.Path, userId, now, request.WithAccesses, context.RequestAborted);
            }
            if (request.WithAccesses)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                    SELECT gen_random_uuid(), {copy.Id}, user_id, role, {now}, {now} FROM document_accesses WHERE document_id = {original.Id}
                    ON CONFLICT DO NOTHING
                    """, context.RequestAborted);
            }
            if (found.Access.EffectiveRole != Role.Owner || parentPath is null)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                    VALUES ({Guid.CreateVersion7()}, {copy.Id}, {userId}, 'owner', {now}, {now})
                    ON CONFLICT (document_id, user_id) DO UPDATE SET role = 'owner', updated_at = {now}
                    """, context.RequestAborted);
            }
            return true;
        }, context.RequestAborted);
        var saved = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == copy.Id, context.RequestAborted);
        return TypedResults.Created($"/api/v1.0/documents/{saved.Id}/", await responses.DescribeAsync(saved, userId, context.RequestAborted));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
