using Microsoft.AspNetCore.Components;

namespace Docs.Web.Ui;

/// <summary>Return addresses stay on this site: anything but a local path becomes the home page.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>The page the UI shows now, as a local path to come back to.</summary>
    public static string Current(NavigationManager navigation) => "/" + navigation.ToBaseRelativePath(navigation.Uri);

    /// <summary>Sign in, then come back to the page shown now.</summary>
    public static string SignIn(NavigationManager navigation) => "/login?returnUrl=" + Uri.EscapeDataString(Current(navigation));
}
