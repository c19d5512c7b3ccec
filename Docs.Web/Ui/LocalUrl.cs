using Microsoft.AspNetCore.Components;

namespace Docs.Web.Ui;

/// <summary>Where the UI comes back to after signing in (the return address itself is checked by <c>LocalPath.OrRoot</c>).</summary>
public static class LocalUrl
{
    /// <summary>The page the UI shows now, as a local path to come back to.</summary>
    public static string Current(NavigationManager navigation) => "/" + navigation.ToBaseRelativePath(navigation.Uri);

    /// <summary>Sign in, then come back to the page shown now.</summary>
    public static string SignIn(NavigationManager navigation) => "/login?returnUrl=" + Uri.EscapeDataString(Current(navigation));
}
