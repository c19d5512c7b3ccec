using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Api.Authentication;

/// <summary>401 and 403 of the bearer handler as problem details that say what was wrong with the token.</summary>
internal static class BearerProblems
{
    public static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure is { } failure
            ? Describe(failure)
            : "Authentication credentials were not provided.";
        var header = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{detail.Replace("\"", "'", StringComparison.Ordinal)}\"";
        context.Response.Headers.WWWAuthenticate = header;
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static Task WriteForbiddenAsync(ForbiddenContext context) =>
        WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "You do not have permission to perform this action.");

    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The access token has expired.",
        SecurityTokenNotYetValidException => "The access token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The access token is not meant for this API (audience).",
        SecurityTokenInvalidIssuerException => "The access token comes from another issuer.",
        SecurityTokenSignatureKeyNotFoundException => "The access token is signed with an unknown key.",
        SecurityTokenInvalidSignatureException => "The access token's signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "The access token's signing algorithm is not accepted.",
        SecurityTokenNoExpirationException => "The access token has no expiry.",
        SecurityTokenMalformedException => "The access token is malformed.",
        AuthenticationFailureException => failure.Message,
        _ => "The access token is invalid.",
    };

    private static async Task WriteAsync(HttpContext httpContext, int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;
        var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
