using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Docs.Api.Authentication;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Collaboration;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Docs.Yjs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Collaboration;

public sealed record ContentResponse(string? Content);

public sealed record ContentRequest(string? Content) : IValidatedRequest
{
    private byte[]? _update;

    /// <summary>The Yjs update the content carries; null when it is not base64.</summary>
    [JsonIgnore]
    public byte[]? Update => _update ??= Decode(Content);

    public TypedProblem? Validate()
    {
        if (Update is null)
        {
            return Problems.Validation("content", "The Yjs update, base64-encoded.");
        }
        return Update.Length > CollaborationEndpoints.MaxContentBytes
            ? Problems.TooLarge($"The content is larger than {CollaborationEndpoints.MaxContentBytes} bytes.")
            : null;
    }

    private static byte[]? Decode(string? content)
    {
        try
        {
            return content is null ? null : Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public sealed record CollaborationTicketResponse(string Ticket, Guid DocumentId, bool CanWrite, DateTimeOffset ExpiresAt);

/// <summary>
/// <c>documents/{id}/content/</c>: the raw Yjs state (one v1 update, base64) for clients without
/// WebSocket, with an ETag. A PUT is merged into the state (a Yjs update never erases concurrent
/// work) and may carry If-Match to refuse a write over a state the client has not seen.
/// <c>documents/{id}/collaboration-ticket/</c>: the short-lived ticket that opens a Docs.Collab connection.
/// </summary>
public static class CollaborationEndpoints
{
    public const int MaxContentBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapCollaborationEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents/{id:guid}").WithTags("Collaboration");
        documents.MapGet("/content/", GetAsync).RequireDocument(a => a.Content)
            .Produces(StatusCodes.Status304NotModified).WithName("GetContent").WithSummary("The document's Yjs state as one base64 update, with its ETag (304 with If-None-Match).");
        documents.MapPut("/content/", PutAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.Update)
            .WithName("PutContent").WithSummary("Merges a base64 Yjs update into the document (If-Match refuses a write over an unseen state).");
        documents.MapPost("/collaboration-ticket/", TicketAsync).RequireDocument(a => a.CollaborationRead)
            .WithName("CreateCollaborationTicket").WithSummary("A short-lived ticket that opens a Docs.Collab connection to the document.");
        return api;
    }

    private static async Task<Results<Ok<ContentResponse>, StatusCodeHttpResult, ConflictProblem>> GetAsync(HttpContext context, CurrentDocument current,
        DocsDbContext db)
    {
        if (await ReadStateAsync(db, current.Id, context.RequestAborted) is not { } state)
        {
            return Damaged();
        }
        var content = state.Merged;
        var etag = ETag(content);
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(new ContentResponse(content is null ? null : Convert.ToBase64String(content)));
    }

    /// <summary>
    /// Appends the update to the document's log, as Docs.Collab does with an editor's update: the snapshot
    /// is only ever rewritten by Docs.Collab's compaction, under its row lock, so nothing is overwritten.
    /// </summary>
    private static async Task<Results<Ok<ContentResponse>, ConflictProblem, NotFoundProblem, PreconditionFailedProblem, FieldsProblem, TooLargeProblem>>
        PutAsync(HttpContext context, CurrentDocument current, DocsDbContext db, CollaborationNotifier collaboration, TimeProvider time, ContentRequest request)
    {
        var id = current.Id;
        var update = request.Update!;
        if (await ReadStateAsync(db, id, context.RequestAborted) is not { } state)
        {
            return Damaged();
        }
        if (state.Stored is not { } stored)
        {
            return Problems.NotFound();
        }
        var latest = state.Merged;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*" && ifMatch != ETag(latest))
        {
            return Problems.PreconditionFailed("The content changed since you read it: read it again, merge, and retry.");
        }
        try
        {
            DocumentStates.Validate(latest, update);
        }
        catch (YjsDecodingException ex)
        {
            return Problems.Validation("content", $"Not a valid Yjs update: {ex.Message}");
        }
        var merged = (stored with { Updates = [.. stored.Updates, update] }).Merge()!;
        if (merged.Length > MaxContentBytes)
        {
            return Problems.TooLarge($"The document would be larger than {MaxContentBytes} bytes.");
        }
        var now = time.GetUtcNow();
        db.DocumentUpdates.Add(new DocumentUpdate { DocumentId = id, Data = update, CreatedAt = now });
        await db.SaveChangesAsync(context.RequestAborted);
        await db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(
            set => set.SetProperty(d => d.UpdatedAt, now).SetProperty(d => d.ContentUpdatedAt, now), context.RequestAborted);
        await collaboration.ContentReplacedAsync(id);
        context.Response.Headers.ETag = ETag(merged);
        return TypedResults.Ok(new ContentResponse(Convert.ToBase64String(merged)));
    }

    private static Ok<CollaborationTicketResponse> TicketAsync(HttpContext context, CurrentDocument current, CollaborationTicket tickets, TimeProvider time)
    {
        var canWrite = current.Abilities.CollaborationWrite;
        var name = context.User.FindFirst(DocsClaims.Name)?.Value;
        var ticket = tickets.Issue(current.Id, current.UserId, name, canWrite);
        return TypedResults.Ok(new CollaborationTicketResponse(ticket, current.Id, canWrite, time.GetUtcNow() + CollaborationTicket.MaxLifetime));
    }

    private sealed record CurrentState(StoredDocument? Stored, byte[]? Merged);

    /// <summary>The stored document and its current state as one update; null when the stored bytes cannot be decoded.</summary>
    private static async Task<CurrentState?> ReadStateAsync(DocsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var stored = await DocumentStates.ReadAsync(db, id, cancellationToken);
        try
        {
            return new CurrentState(stored, stored?.Merge());
        }
        catch (YjsDecodingException)
        {
            return null;
        }
    }

    private static ConflictProblem Damaged() =>
        Problems.Conflict("This document's stored state cannot be read; an administrator can restore its last good version.");

    /// <summary>Changes with every acknowledged change (and may change when the log is folded into the snapshot).</summary>
    private static string ETag(byte[]? content) =>
        new EntityTagHeaderValue($"\"{(content is null ? "empty" : Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)))}\"").ToString();
}
