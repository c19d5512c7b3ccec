using System.Globalization;
using Docs.Web.Api;
using Docs.Web.Authentication;
using Microsoft.AspNetCore.Localization;

namespace Docs.Web.Ui;

/// <summary>The Blazor UI (interactive server), its API client, and its languages.</summary>
public static class UiExtensions
{
    private static readonly string[] Languages = UiLanguages.Codes;

    public static IHostApplicationBuilder AddUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddScoped<SessionTokens>();
        builder.Services.Configure<UserColorOptions>(builder.Configuration.GetSection("Ui"));
        builder.Services.AddSingleton<UserColors>();
        builder.Services.AddHttpClient<DocsApi>(DocsApi.ClientName, http => http.BaseAddress = new Uri("https+http://api"));
        builder.Services.AddScoped<ContentApi>();
        builder.Services.AddScoped<Components.Documents.CopyMarkdown>();
        return builder;
    }

    public static IApplicationBuilder UseUiLanguages(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Languages[0]).AddSupportedCultures(Languages).AddSupportedUICultures(Languages);
            options.ApplyCurrentCultureToResponseHeaders = true;
        });

    /// <summary><c>/language/{code}</c>: remembers the choice in the culture cookie and goes back to the page.</summary>
    public static IEndpointRouteBuilder MapUiLanguages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/language/{code}", (HttpContext context, string code, string? returnUrl) =>
        {
            if (!Languages.Contains(code))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"Languages: {string.Join(", ", Languages)}.");
            }
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(code))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = false, IsEssential = true });
            return Results.LocalRedirect(LocalPath.OrRoot(returnUrl));
        });
        return routes;
    }
}
