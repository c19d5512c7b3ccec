using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Docs.Api.Infrastructure;

/// <summary>
/// Input the API cannot read is a 400 problem naming the field, never a 500: JSON that does not parse or
/// has the wrong shape, a value of the wrong type, a query value that does not bind, a <c>null</c> body,
/// text with control characters (<see cref="StorableText"/>). One place for every endpoint, present and future.
/// </summary>
public static partial class BadInput
{
    public static IHostApplicationBuilder AddBadInputProblems(this IHostApplicationBuilder builder)
    {
        // Binding failures become exceptions in every environment (by default only in Development, where
        // they were 500s; elsewhere a bare 400), so that one handler answers them all, with the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// What binding lets through: a <c>null</c> body for an optional one, text that cannot be stored
    /// (<see cref="StorableText"/>) in the body's fields or the query string, paging values out of range
    /// (<see cref="Paging.AcceptsPaging"/>), and a body that breaks its own rules (<see cref="IValidatedRequest"/>). Group filters run first: all this is answered before any
    /// endpoint filter looks the document up.
    /// </summary>
    public static RouteGroupBuilder RefuseBadInput(this RouteGroupBuilder api)
    {
        api.ProducesValidationProblem();
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var body = bodyType is null ? null : context.Arguments.FirstOrDefault(bodyType.IsInstanceOfType);
            if (bodyType is not null && body is null && http.Request.ContentLength > 0)
            {
                return Problems.Validation(BodyField, "A JSON object.");
            }
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var unstorable = (body is null ? null : UnstorableField(body, json))
                ?? http.Request.Query.FirstOrDefault(q => q.Value.Any(v => v is not null && !StorableText.IsStorable(v))).Key;
            if (unstorable is not null)
            {
                return Problems.Validation(unstorable, StorableText.Refusal);
            }
            if (http.GetEndpoint()?.Metadata.GetMetadata<PagingMetadata>() is not null && !PageRequest.TryParse(http.Request, out _, out var pageErrors))
            {
                return Problems.Validation(pageErrors);
            }
            return (body as IValidatedRequest)?.Validate() ?? await next(context);
        });
        return api;
    }

    /// <summary>The JSON name of the first text field of <paramref name="body"/> that cannot be stored, if any.</summary>
    private static string? UnstorableField(object body, JsonSerializerOptions json) =>
        json.GetTypeInfo(body.GetType()).Properties
            .FirstOrDefault(p => p.PropertyType == typeof(string) && p.Get?.Invoke(body) is string text && !StorableText.IsStorable(text))?.Name;

    /// <summary>How a problem names the body as a whole (JSON that does not parse, an array, <c>null</c>).</summary>
    public const string BodyField = "body";

    /// <summary>The field a binding failure is about: the JSON path's first member, or the query parameter, or the body.</summary>
    internal static string FieldOf(BadHttpRequestException exception, HttpRequest request)
    {
        if (exception.InnerException is JsonException { Path: { } path } && JsonMember().Match(path) is { Success: true } member)
        {
            return member.Groups[1].Value;
        }
        // Minimal APIs name the parameter in the message: 'Failed to bind parameter "bool? is_favorite" from "maybe".'
        if (BoundParameter().Match(exception.Message) is { Success: true } parameter && request.Query.ContainsKey(parameter.Groups[1].Value))
        {
            return parameter.Groups[1].Value;
        }
        return BodyField;
    }

    [GeneratedRegex(@"^\$\.([^.\[]+)")]
    private static partial Regex JsonMember();

    [GeneratedRegex("parameter \"[^\"]* ([^\" ]+)\"")]
    private static partial Regex BoundParameter();
}

/// <summary>
/// A request body that states its own rules (lengths, formats, the words it accepts), checked by
/// <see cref="BadInput.RefuseBadInput"/> before the endpoint runs.
/// </summary>
public interface IValidatedRequest
{
    /// <summary>Null when the request is acceptable; otherwise the problem to answer (a 400 naming the fields, or a 413).</summary>
    TypedProblem? Validate();
}

/// <summary>Answers <see cref="BadHttpRequestException"/> (what minimal APIs and Kestrel throw for unreadable input) with its status, as a problem.</summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var field = BadInput.FieldOf(bad, context.Request);
        var answer = bad.StatusCode == StatusCodes.Status400BadRequest
            ? Problems.Validation(field, Reason(bad, field))
            : Results.Problem(statusCode: bad.StatusCode, detail: bad.Message);
        await answer.ExecuteAsync(context);
        return true;
    }

    // The JSON reader's own words when they are about the text sent; never our .NET type names.
    private static string Reason(BadHttpRequestException exception, string field) => exception.InnerException switch
    {
        JsonException json when json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => "Not a value of the expected type.",
        JsonException json => "Not valid JSON here: " + json.Message.Split(" Path:")[0],
        _ when field != BadInput.BodyField => "Not a valid value.",
        _ => "A JSON object is required.",
    };
}
