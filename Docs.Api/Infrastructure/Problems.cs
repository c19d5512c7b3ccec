using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Docs.Api.Infrastructure;

/// <summary>The API's errors, all RFC 7807 problem details, each of a type that tells the OpenAPI document its status.</summary>
public static class Problems
{
    /// <summary>Also what a caller gets for a document they cannot see: its existence is not revealed.</summary>
    public static NotFoundProblem NotFound(string detail = "No such resource.") =>
        new(Problem(StatusCodes.Status404NotFound, "Not Found", detail));

    public static ForbiddenProblem Forbidden(string detail = "You do not have permission to perform this action.") =>
        new(Problem(StatusCodes.Status403Forbidden, "Forbidden", detail));

    /// <summary>The answer to an anonymous caller for what needs a signed-in one; the same words as the bearer handler's challenge.</summary>
    public static UnauthorizedProblem Unauthorized() =>
        new(Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Authentication credentials were not provided."));

    public static BadRequestProblem BadRequest(string detail) =>
        new(Problem(StatusCodes.Status400BadRequest, "Bad Request", detail));

    /// <summary>400 naming the fields in error.</summary>
    public static FieldsProblem Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static FieldsProblem Validation(IDictionary<string, string[]> errors) =>
        new(TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid." }));

    public static ConflictProblem Conflict(string detail) =>
        new(Problem(StatusCodes.Status409Conflict, "Conflict", detail));

    public static PreconditionFailedProblem PreconditionFailed(string detail) =>
        new(Problem(StatusCodes.Status412PreconditionFailed, "Precondition Failed", detail));

    public static TooLargeProblem TooLarge(string detail) =>
        new(Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", detail));

    public static UnsupportedMediaTypeProblem UnsupportedMediaType(string detail) =>
        new(Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", detail));

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>
/// A problem written exactly as <see cref="Results.Problem(string?, string?, int?, string?, string?, IDictionary{string, object?}?)"/>
/// writes it (through the problem details service), whose type names its one status for the endpoint's metadata.
/// </summary>
public abstract class TypedProblem(ProblemHttpResult problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => problem.StatusCode;

    public string? ContentType => problem.ContentType;

    public object? Value => problem.ProblemDetails;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    protected static void Describe(EndpointBuilder builder, int status, Type? type = null) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}

public sealed class NotFoundProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status404NotFound);
}

public sealed class ForbiddenProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status403Forbidden);
}

public sealed class UnauthorizedProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status401Unauthorized);
}

public sealed class BadRequestProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status400BadRequest);
}

/// <summary>A 400 whose <c>errors</c> name the fields in error.</summary>
public sealed class FieldsProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Describe(builder, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
}

public sealed class ConflictProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status409Conflict);
}

public sealed class PreconditionFailedProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status412PreconditionFailed);
}

public sealed class TooLargeProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status413PayloadTooLarge);
}

public sealed class UnsupportedMediaTypeProblem(ProblemHttpResult problem) : TypedProblem(problem), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status415UnsupportedMediaType);
}
