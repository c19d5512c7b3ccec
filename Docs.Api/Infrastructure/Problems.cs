namespace Docs.Api.Infrastructure;

/// <summary>The API's errors, all RFC 7807 problem details.</summary>
public static class Problems
{
    /// <summary>Also what a caller gets for a document they cannot see: its existence is not revealed.</summary>
    public static IResult NotFound(string detail = "No such resource.") =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: detail);

    public static IResult Forbidden(string detail = "You do not have permission to perform this action.") =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: detail);

    /// <summary>400 naming the fields in error.</summary>
    public static IResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "One or more fields are invalid.");

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static IResult PreconditionFailed(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed", detail: detail);

    public static IResult TooLarge(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload Too Large", detail: detail);
}
