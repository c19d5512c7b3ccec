using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Who may open a document: the link settings, anonymous readers, and signing out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionAndLinkTests(BrowserStack stack)
{
    [Fact]
    public async Task A_public_link_lets_anyone_read_and_restricting_it_again_closes_the_door()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var visitor = await stack.AnonymousAsync();
        var url = await alice.Page.NewDocumentAsync("Public page " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.TypeAtEndAsync("For everyone");
        await alice.Page.WaitUntilSavedAsync();

        await visitor.Page.GotoAsync(url);
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Sign in to continue");

        await SetLinkAsync(alice.Page, "public");
        await visitor.Page.ReloadAsync();
        await Expect(visitor.Page.Editor()).ToContainTextAsync("For everyone");
        await Expect(visitor.Page.Editor()).ToHaveAttributeAsync("contenteditable", "false");
        await Expect(visitor.Page.Locator(".connection")).ToContainTextAsync("Read only");

        await SetLinkAsync(alice.Page, "restricted");
        await visitor.Page.ReloadAsync();
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Sign in to continue");
    }

    [Fact]
    public async Task Signing_out_from_the_top_bar_ends_the_session()
    {
        await using var bob = await stack.SignInAsync("bob");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(bob.Page.Locator("h1")).ToHaveTextAsync("Write notes together, live.");
        await Expect(bob.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
        var me = await bob.Page.APIRequest.GetAsync("/auth/me");
        Assert.Equal(401, me.Status);
    }

    [Fact]
    public async Task The_site_works_at_localhost_and_at_127_0_0_1()
    {
        // The same site under its other loopback name: sign-in comes back to it, and the editor's socket is let in.
        var twin = new UriBuilder(stack.Web) { Host = stack.Web.Host == "localhost" ? "127.0.0.1" : "localhost" }.Uri;
        Assert.NotEqual(stack.Web.Host, twin.Host);
        await using var carol = await stack.SignInAsync("carol", site: twin);
        await carol.Page.NewDocumentAsync("Loopback " + Guid.NewGuid().ToString("N")[..6]);
        await carol.Page.TypeAtEndAsync("Typed at the other loopback name");
        await carol.Page.WaitUntilSavedAsync();
        Assert.StartsWith(twin.ToString(), carol.Page.Url, StringComparison.Ordinal);
    }

    private static async Task SetLinkAsync(IPage page, string reach)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Who can open it").SelectOptionAsync(reach);
        await Expect(dialog.Locator(".notice.success")).ToContainTextAsync("Link settings saved.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
    }
}
