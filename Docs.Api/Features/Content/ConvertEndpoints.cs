using System.Text;
using System.Text.Json;
using Docs.Api.Infrastructure;
using Docs.Content;
using Docs.Content.Blocks;
using Docs.Content.Html;
using Docs.Content.Json;
using Docs.Content.Markdown;
using Docs.Content.Yjs;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Content;

/// <summary>
/// <c>POST convert/</c>, the reference y-provider's conversion service in the API: the body is the
/// content, its <c>Content-Type</c> says what it is (<c>text/markdown</c>, <c>text/html</c> — taken
/// through an allow-list, never run — or <c>application/json</c> for BlockNote's blocks), <c>Accept</c> what to answer (<c>application/vnd.yjs.doc</c>: a Yjs update a
/// new document starts from; <c>application/json</c>: blocks; <c>text/markdown</c>; <c>text/html</c>).
/// For signed-in callers, throttled as document writes; 20 MiB at most, as the reference's imports.
/// </summary>
public static class ConvertEndpoints
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const string YjsMediaType = "application/vnd.yjs.doc";

    private static readonly string[] Inputs = ["text/markdown", "text/html", "application/json"];
    private static readonly string[] Outputs = [YjsMediaType, "application/json", "text/markdown", "text/html"];

    public static RouteGroupBuilder MapConvertEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/convert/", ConvertAsync).WithTags("Content").RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .Produces(StatusCodes.Status200OK, contentType: YjsMediaType).Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("Convert").WithSummary("Converts Markdown, HTML or BlockNote's blocks into a Yjs update, blocks, Markdown or HTML.");
        return api;
    }

    private static async Task<IResult> ConvertAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var input = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var given) ? given.MediaType.Value?.ToLowerInvariant() : null;
        if (input is null || !Inputs.Contains(input))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type",
                detail: $"Send the content as one of: {string.Join(", ", Inputs)}.");
        }
        var output = Accepted(context.Request);
        if (output is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not Acceptable",
                detail: $"Accept one of: {string.Join(", ", Outputs)}.");
        }
        if (await ReadBodyAsync(context.Request.Body, cancellationToken) is not { } body)
        {
            return Problems.TooLarge($"The content is larger than {MaxBytes} bytes.");
        }
        IReadOnlyList<Block> blocks;
        try
        {
            blocks = input switch
            {
                "text/markdown" => MarkdownImporter.ToBlocks(body),
                "text/html" => HtmlImporter.ToBlocks(body),
                _ => BlockJsonReader.Read(body),
            };
        }
        catch (JsonException ex)
        {
            return Problems.Validation(BadInput.BodyField, $"Not BlockNote blocks: {ex.Message}");
        }
        catch (ContentTooDeepException ex)
        {
            return Problems.Validation(BadInput.BodyField, ex.Message);
        }
        return output switch
        {
            YjsMediaType => Results.Bytes(BlockNoteYjs.Write(blocks), YjsMediaType),
            "text/markdown" => Results.Text(MarkdownExporter.ToMarkdown(blocks), "text/markdown; charset=utf-8"),
            "text/html" => Results.Text(HtmlExporter.ToHtml(blocks), "text/html; charset=utf-8"),
            _ => Results.Text(BlockJsonWriter.ToJson(blocks), "application/json; charset=utf-8"),
        };
    }

    /// <summary>The first of the caller's accepted types we produce (no Accept, or */*: JSON).</summary>
    private static string? Accepted(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return "application/json";
        }
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            var name = type.MediaType.Value?.ToLowerInvariant();
            if (name is "*/*")
            {
                return "application/json";
            }
            if (name is not null && Outputs.Contains(name))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBytes"/> (read no further than that).</summary>
    private static async Task<string?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
