using System.Security.Cryptography;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Collaboration;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Docs.Yjs;
using Docs.Yjs.Updates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Collaboration;

public sealed record ContentResponse(string? Content);

public sealed record ContentRequest(string? Content);

/// <summary>
/// <c>documents/{id}/content/</c>: the raw Yjs state (one v1 update, base64) for clients without
/// WebSocket, with an ETag. A PUT is merged into the state (a Yjs update never erases concurrent
/// work) and may carry If-Match to refuse a write over a state the client has not seen.
/// <c>documents/{id}/collaboration-ticket/</c>: the short-lived ticket that opens a Docs.Collab connection.
/// </summary>
public static class ContentEndpoints
{
    public const int MaxContentBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapCollaborationEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents/{id:guid}").WithTags("Collaboration");
        documents.MapGet("/content/", GetAsync);
        documents.MapPut("/content/", PutAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Documents);
        documents.MapPost("/collaboration-ticket/", TicketAsync);
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext context, DocumentGate gate, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Content, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        if (await ReadStateAsync(gate, id, context.RequestAborted) is not { } state)
        {
            return Damaged();
        }
        var content = state.Merged;
        var etag = ETag(content);
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Ok(new ContentResponse(content is null ? null : Convert.ToBase64String(content)));
    }

    /// <summary>
    /// Appends the update to the document's log, as Docs.Collab does with an editor's update: the snapshot
    /// is only ever rewritten by Docs.Collab's compaction, under its row lock, so nothing is overwritten.
    /// </summary>
    private static async Task<IResult> PutAsync(HttpContext context, DocumentGate gate, CollaborationNotifier collaboration, Guid id, ContentRequest request)
    {
        byte[] update;
        try
        {
            update = Convert.FromBase64String(request.Content ?? throw new FormatException());
        }
        catch (FormatException)
        {
            return Problems.Validation("content", "The Yjs update, base64-encoded.");
        }
        if (update.Length > MaxContentBytes)
        {
            return Problems.TooLarge($"The content is larger than {MaxContentBytes} bytes.");
        }
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.Update, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        if (await ReadStateAsync(gate, id, context.RequestAborted) is not { } state)
        {
            return Damaged();
        }
        if (state.Stored is not { } stored)
        {
            return Problems.NotFound();
        }
        var current = state.Merged;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != "*" && ifMatch != ETag(current))
        {
            return Problems.PreconditionFailed("The content changed since you read it: read it again, merge, and retry.");
        }
        try
        {
            DocumentStates.Validate(current, update);
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
        gate.Db.DocumentUpdates.Add(new DocumentUpdate { DocumentId = id, Data = update, CreatedAt = gate.Now });
        await gate.Db.SaveChangesAsync(context.RequestAborted);
        await gate.Db.Documents.Where(d => d.Id == id).ExecuteUpdateAsync(
            set => set.SetProperty(d => d.UpdatedAt, gate.Now).SetProperty(d => d.ContentUpdatedAt, gate.Now), context.RequestAborted);
        await collaboration.ContentReplacedAsync(id);
        context.Response.Headers.ETag = ETag(merged);
        return Results.Ok(new ContentResponse(Convert.ToBase64String(merged)));
    }

    private static async Task<IResult> TicketAsync(HttpContext context, DocumentGate gate, CollaborationTicket tickets, Guid id)
    {
        var (found, refusal) = await gate.RequireAsync(id, context.User, a => a.CollaborationRead, context.RequestAborted);
        if (found is null)
        {
            return refusal!;
        }
        var canWrite = found.Abilities.CollaborationWrite;
        var name = context.User.FindFirst("name")?.Value;
        var ticket = tickets.Issue(id, found.UserId, name, canWrite);
        return Results.Ok(new
        {
            ticket,
            document_id = id,
            can_write = canWrite,
            expires_at = gate.Now + CollaborationTicket.MaxLifetime,
        });
    }

    private sealed record CurrentState(StoredDocument? Stored, byte[]? Merged);

    /// <summary>The stored document and its current state as one update; null when the stored bytes cannot be decoded.</summary>
    private static async Task<CurrentState?> ReadStateAsync(DocumentGate gate, Guid id, CancellationToken cancellationToken)
    {
        var stored = await DocumentStates.ReadAsync(gate.Db, id, cancellationToken);
        try
        {
            return new CurrentState(stored, stored?.Merge());
        }
        catch (YjsDecodingException)
        {
            return null;
        }
    }

    private static IResult Damaged() =>
        Problems.Conflict("This document's stored state cannot be read; an administrator can restore its last good version.");

    /// <summary>Changes with every acknowledged change (and may change when the log is folded into the snapshot).</summary>
    private static string ETag(byte[]? content) =>
        new EntityTagHeaderValue($"\"{(content is null ? "empty" : Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)))}\"").ToString();
}
