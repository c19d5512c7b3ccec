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
    public void Only_a_local_path_is_kept(string? url, string expected) => Assert.Equal(expected, LocalPath.OrRoot(url));
}
