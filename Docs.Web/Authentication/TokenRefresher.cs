using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Docs.Web.Authentication;

/// <summary>
/// Runs as each request's session is validated: when the access token has less than
/// <see cref="WebIdentitySettings.RefreshBefore"/> left, trades the refresh token for new tokens at the
/// provider and saves them in the session. A refused refresh (session ended at the provider, account
/// gone) ends the session here too.
/// </summary>
public sealed class TokenRefresher(
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<WebIdentitySettings> settings,
    TimeProvider time,
    ILogger<TokenRefresher> logger)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = ReadExpiry(context.Properties);
        var now = time.GetUtcNow();
        if (expiresAt is not null && expiresAt.Value - now > settings.Value.RefreshBefore)
        {
            return;
        }
        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            await EndAsync(context, "the session has no refresh token");
            return;
        }

        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        HttpResponseMessage response;
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = refreshToken,
                    ["client_id"] = options.ClientId!,
                    ["client_secret"] = options.ClientSecret ?? "",
                }),
            };
            response = await options.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            // The provider is unreachable: keep the session while its token is still good.
            logger.LogWarning(ex, "Could not refresh the access token: the identity provider is unreachable");
            if (expiresAt is null || expiresAt <= now)
            {
                await EndAsync(context, "the access token expired and the provider is unreachable");
            }
            return;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await EndAsync(context, $"the provider refused the refresh ({(int)response.StatusCode})");
                return;
            }
            using var payload = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(context.HttpContext.RequestAborted),
                cancellationToken: context.HttpContext.RequestAborted);
            var root = payload.RootElement;
            context.Properties.UpdateTokenValue("access_token", root.GetProperty("access_token").GetString()!);
            if (root.TryGetProperty("refresh_token", out var rotated))
            {
                context.Properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
            }
            if (root.TryGetProperty("id_token", out var idToken))
            {
                context.Properties.UpdateTokenValue("id_token", idToken.GetString()!);
            }
            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : 300;
            context.Properties.UpdateTokenValue("expires_at", now.AddSeconds(lifetime).ToString("o", CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
        }
    }

    public static DateTimeOffset? ReadExpiry(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    private async Task EndAsync(CookieValidatePrincipalContext context, string reason)
    {
        logger.LogInformation("Session ended: {Reason}", reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
