using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Docs.Web.Authentication;

/// <summary>What became of a session's tokens when they were checked.</summary>
public enum TokenState
{
    /// <summary>The access token has more than <see cref="WebIdentitySettings.RefreshBefore"/> left.</summary>
    Fresh,
    /// <summary>New tokens were saved in the session's properties: store them.</summary>
    Refreshed,
    /// <summary>The provider could not be reached, and the access token is still good.</summary>
    Kept,
    /// <summary>The session is over (refused refresh, no refresh token, or expired while the provider is unreachable).</summary>
    Ended,
}

/// <summary>
/// When the access token has less than <see cref="WebIdentitySettings.RefreshBefore"/> left, trades the
/// refresh token for new tokens at the provider. Runs as each request's session is validated, and as
/// the UI's circuits call the API. A refused refresh (session ended at the provider, account gone) ends
/// the session here too.
/// </summary>
public sealed class TokenRefresher(
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<WebIdentitySettings> settings,
    TimeProvider time,
    ILogger<TokenRefresher> logger)
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        switch (await RefreshIfDueAsync(context.Properties, context.HttpContext.RequestAborted))
        {
            case TokenState.Refreshed:
                context.ShouldRenew = true;
                break;
            case TokenState.Ended:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                break;
        }
    }

    /// <summary>Refreshes the tokens in <paramref name="properties"/> when they are due.</summary>
    public async Task<TokenState> RefreshIfDueAsync(AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        var expiresAt = ReadExpiry(properties);
        var now = time.GetUtcNow();
        if (expiresAt is not null && expiresAt.Value - now > settings.Value.RefreshBefore)
        {
            return TokenState.Fresh;
        }
        var refreshToken = properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            return Ended("the session has no refresh token");
        }

        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        HttpResponseMessage response;
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
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
            response = await options.Backchannel.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The provider is unreachable: keep the session while its token is still good.
            logger.LogWarning(ex, "Could not refresh the access token: the identity provider is unreachable");
            return expiresAt is null || expiresAt <= now ? Ended("the access token expired and the provider is unreachable") : TokenState.Kept;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return Ended($"the provider refused the refresh ({(int)response.StatusCode})");
            }
            using var payload = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = payload.RootElement;
            properties.UpdateTokenValue("access_token", root.GetProperty("access_token").GetString()!);
            if (root.TryGetProperty("refresh_token", out var rotated))
            {
                properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
            }
            if (root.TryGetProperty("id_token", out var idToken))
            {
                properties.UpdateTokenValue("id_token", idToken.GetString()!);
            }
            var lifetime = root.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetInt32() : 300;
            properties.UpdateTokenValue("expires_at", now.AddSeconds(lifetime).ToString("o", CultureInfo.InvariantCulture));
            return TokenState.Refreshed;
        }
    }

    public static DateTimeOffset? ReadExpiry(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    private TokenState Ended(string reason)
    {
        logger.LogInformation("Session ended: {Reason}", reason);
        return TokenState.Ended;
    }
}
