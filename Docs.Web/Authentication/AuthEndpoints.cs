using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Docs.Web.Ui;

namespace Docs.Web.Authentication;

/// <summary><c>/login</c>, <c>/logout</c> (also at the provider) and <c>/auth/me</c>, who the session belongs to.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/login", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath.OrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));

        routes.MapGet("/logout", (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Results.LocalRedirect("/");
            }
            var tokens = antiforgery.GetAndStoreTokens(context);
            var html = HtmlEncoder.Default;
            return Results.Content($"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out · Docs</title></head>
                <body><form method="post" action="/logout">
                <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
                <p>Sign out of Docs, {html.Encode(context.User.Identity.Name ?? "")}?</p><button type="submit">Sign out</button>
                </form></body></html>
                """, "text/html; charset=utf-8");
        });

        // State-changing, so a form post with the antiforgery token: a third-party page cannot sign people out.
        routes.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "The antiforgery token is missing or invalid.");
            }
            // The browser deletes this site's storage, the editor's local copies of documents among it: a shared
            // computer keeps nothing of the person who signed out (app.js also deletes them at the next page).
            context.Response.Headers["Clear-Site-Data"] = "\"storage\"";
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();

        routes.MapGet("/auth/me", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync();
            if (!result.Succeeded)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Not signed in.");
            }
            var user = result.Principal;
            return Results.Ok(new
            {
                sub = user.FindFirstValue("sub"),
                name = user.FindFirstValue("name"),
                email = user.FindFirstValue("email"),
                preferred_username = user.FindFirstValue("preferred_username"),
                access_token_expires_at = TokenRefresher.ReadExpiry(result.Properties),
            });
        });
        return routes;
    }
}
