namespace Docs.IntegrationTests.SignIn;

/// <summary>
/// Return addresses an attacker puts in a link (<c>/login?returnUrl=…</c>, <c>/language/fr?returnUrl=…</c>):
/// each must bring the browser back to <c>/</c> of the site, never elsewhere and never as a 500.
/// </summary>
public static class HostileReturnUrls
{
    public static TheoryData<string> All =>
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example",    // browsers drop the tab: //evil.example
        "/\n/evil.example",    // a line break cannot go into a Location header: was a 500
        "/\r\n/evil.example",
        "/docs/été",           // nor can non-ASCII
    ];

    /// <summary>The raw <c>Location</c> header, as the browser would read it.</summary>
    public static string RawLocation(HttpResponseMessage response) => string.Concat(response.Headers.GetValues("Location"));
}
