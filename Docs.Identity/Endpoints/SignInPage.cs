using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Docs.Identity.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Docs.Identity.Endpoints;

/// <summary>
/// The sign-in form (user name or email, and password) that starts the provider's browser session.
/// Failures are counted by <see cref="SignInThrottle"/>; the message never says which half was wrong.
/// </summary>
public static class SignInPage
{
    public const string Path = "login";

    /// <summary>Maps the form and a home page, relative to the realm's base path.</summary>
    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Page(context, antiforgery, LocalPath.OrRoot(returnUrl), userName: null, error: null, StatusCodes.Status200OK));
        routes.MapPost(Path, SignInAsync);
        routes.MapGet("/", (HttpContext context) => Results.Content(Layout("Docs identity",
            "<h1>Docs development identity provider</h1><p>This provider signs in the development accounts of Docs. " +
            $"Its OpenID Connect discovery document is <a href=\"{context.Request.PathBase}/{ProtocolEndpoints.ConfigurationPath}\">here</a>.</p>"),
            "text/html; charset=utf-8"));
        return routes;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, DevUserDirectory users, SignInThrottle throttle)
    {
        var form = await context.Request.ReadFormAsync();
        var userName = form["username"].ToString();
        var returnUrl = LocalPath.OrRoot(form["returnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Page(context, antiforgery, returnUrl, userName, "Your session expired. Please try again.", StatusCodes.Status400BadRequest);
        }

        var address = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.RetryAfter = seconds;
            return Page(context, antiforgery, returnUrl, userName, $"Too many failed attempts. Try again in {seconds} seconds.", StatusCodes.Status429TooManyRequests);
        }
        var user = users.Validate(userName, form["password"]);
        if (user is null)
        {
            throttle.Failed(userName, address);
            return Page(context, antiforgery, returnUrl, userName, "Invalid user name or password.", StatusCodes.Status401Unauthorized);
        }
        throttle.Succeeded(userName);

        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.Name, user.Name));
        identity.AddClaim(new Claim(TokenClaims.SessionId, Guid.NewGuid().ToString()));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow });
        return Results.LocalRedirect(returnUrl);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? userName, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var body = $"""
            <h1>Sign in to Docs</h1>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>")}
            <form method="post" action="{html.Encode(context.Request.PathBase + context.Request.Path)}">
              <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
              <label for="username">User name or email</label>
              <input id="username" name="username" autocomplete="username" required autofocus value="{html.Encode(userName ?? "")}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            <p class="hint">Development provider: the accounts are listed when Docs starts.</p>
            """;
        return Results.Content(Layout("Sign in · Docs", body), "text/html; charset=utf-8", statusCode: status);
    }

    private static string Layout(string title, string body) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{HtmlEncoder.Default.Encode(title)}}</title>
          <style>
            :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
            body { display: grid; place-items: center; min-height: 100vh; margin: 0; background: Canvas; }
            main { width: min(24rem, 90vw); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 15%, transparent); border-radius: .75rem; }
            h1 { font-size: 1.4rem; margin-top: 0; }
            form { display: grid; gap: .5rem; }
            input, button { font: inherit; padding: .55rem .7rem; border-radius: .4rem; border: 1px solid color-mix(in srgb, CanvasText 30%, transparent); }
            button { margin-top: .75rem; background: #3e5de7; color: white; border: 0; cursor: pointer; }
            button:focus-visible, input:focus-visible { outline: 3px solid #94a8ff; outline-offset: 1px; }
            .error { color: #b3261e; background: color-mix(in srgb, #b3261e 12%, Canvas); padding: .5rem .7rem; border-radius: .4rem; }
            .hint { font-size: .85rem; opacity: .7; }
          </style>
        </head>
        <body><main>{{body}}</main></body>
        </html>
        """;
}
