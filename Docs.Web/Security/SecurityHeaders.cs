using Docs.Web.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Docs.Web.Security;

/// <summary>
/// Headers on every response: a content security policy that allows only this origin (plus inline styles,
/// which the editor's components set, and the identity provider as a form target for sign-out), no
/// framing, no content sniffing, and no full URLs sent to other sites.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var identity = app.ApplicationServices.GetRequiredService<IOptions<WebIdentitySettings>>().Value;
        var policy = ContentSecurityPolicy(identity.Authority);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A proxied answer may bring a policy of its own (media are sandboxed): keep it beside ours, browsers enforce both.
                headers.ContentSecurityPolicy = StringValues.Concat(headers.ContentSecurityPolicy, policy);
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next();
        });
    }

    internal static string ContentSecurityPolicy(string authority)
    {
        var provider = Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
            "form-action 'self'" + provider);
    }
}
