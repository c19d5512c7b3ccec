namespace Docs.Web.Ui;

/// <summary>Return addresses stay on this site: anything but a local path becomes the home page.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
