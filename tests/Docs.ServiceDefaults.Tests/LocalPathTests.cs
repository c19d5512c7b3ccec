using Microsoft.Extensions.Hosting;

namespace Docs.ServiceDefaults.Tests;

/// <summary>Return addresses (after signing in, at Docs.Web and at Docs.Identity) stay on the site: no open redirect.</summary>
public sealed class LocalPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/docs/42?tab=share#top", "/docs/42?tab=share#top")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("docs/42", "/")]
    [InlineData("~/docs", "/")]
    // Browsers drop tabs and line breaks from a URL: these become //evil.example, another site.
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/\r\n/evil.example", "/")]
    [InlineData("/\t\\evil.example", "/")]
    // Nor may anything a Location header cannot carry come back: Kestrel would answer 500.
    [InlineData("/docs/42\nSet-Cookie: a=b", "/")]
    [InlineData("/docs/\0", "/")]
    [InlineData("/docs/\u0085", "/")]
    [InlineData("/docs 42", "/")]
    [InlineData("/docs/\u00a042", "/")]
    [InlineData("/docs/été", "/")]
    [InlineData("/docs/%C3%A9t%C3%A9?q=a%20b", "/docs/%C3%A9t%C3%A9?q=a%20b")]
    [InlineData("/docs/a\\b", "/docs/a\\b")]
    public void Only_a_local_path_is_kept(string? url, string expected) => Assert.Equal(expected, LocalPath.OrRoot(url));
}
