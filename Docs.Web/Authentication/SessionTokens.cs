using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;

namespace Docs.Web.Authentication;

/// <summary>
/// The signed-in user's access token for the UI's calls to the API. A circuit outlives the request that
/// started it, so the token is read from the session store each time and refreshed there when due.
/// </summary>
public sealed class SessionTokens(AuthenticationStateProvider authentication, RedisTicketStore store, TokenRefresher refresher) : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>The access token, or null when the session is over.</summary>
    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var key = user.FindFirst(RedisTicketStore.SessionKeyClaim)?.Value;
        if (key is null)
        {
            return null;
        }
        // One refresh at a time per circuit: a rotated refresh token is good once.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var ticket = await store.RetrieveAsync(key);
            if (ticket is null)
            {
                return null;
            }
            switch (await refresher.RefreshIfDueAsync(ticket.Properties, cancellationToken))
            {
                case TokenState.Refreshed:
                    await store.RenewAsync(key, ticket);
                    break;
                case TokenState.Ended:
                    await store.RemoveAsync(key);
                    return null;
            }
            return ticket.Properties.GetTokenValue("access_token");
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();
}
