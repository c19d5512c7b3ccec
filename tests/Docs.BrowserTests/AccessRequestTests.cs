using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Someone given the link to a document they cannot open asks for access; its managers accept or refuse.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessRequestTests(BrowserStack stack)
{
    [Fact]
    public async Task A_person_without_access_asks_for_a_role_and_the_owner_accepts_or_refuses_in_the_share_dialog()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var bob = await stack.SignInAsync("bob");
        await using var carol = await stack.SignInAsync("carol");
        var title = "Restricted " + Guid.NewGuid().ToString("N")[..6];
        var url = await alice.Page.NewDocumentAsync(title);

        // Bob and Carol have the link only: they ask, Bob to edit, Carol to read.
        foreach (var (asker, role) in new[] { (bob, "editor"), (carol, "reader") })
        {
            await asker.Page.GotoAsync(url);
            await Expect(asker.Page.Locator("h1")).ToHaveTextAsync("This page does not exist");
            await asker.Page.GetByLabel("Role").SelectOptionAsync(role);
            await asker.Page.GetByRole(AriaRole.Button, new() { Name = "Ask for access" }).ClickAsync();
            await Expect(asker.Page.Locator(".ask-access .notice.success")).ToContainTextAsync("Your request was sent.");
        }
        await Axe.AssertCleanAsync(bob.Page, "asked for access");
        await ScreenshotTests.Shoot(bob.Page, ScreenshotTests.Folder(), "ask-for-access");

        // Alice sees both requests, Bob's with the role he asked for; she gives him less than he asked.
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = alice.Page.GetByRole(AriaRole.Dialog);
        var requests = dialog.Locator(".requests li");
        await Expect(requests).ToHaveCountAsync(2);
        var bobsRole = dialog.GetByRole(AriaRole.Combobox, new() { Name = "Role to give Bob Dupont" });
        await Expect(bobsRole).ToHaveValueAsync("editor");
        await Axe.AssertCleanAsync(alice.Page, "share dialog with requests");
        await ScreenshotTests.Shoot(alice.Page, ScreenshotTests.Folder(), "access-requests");
        await bobsRole.SelectOptionAsync("commenter");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Accept Bob Dupont" }).ClickAsync();
        await Expect(dialog.Locator(".notice.success")).ToContainTextAsync("can now open this document");
        await Expect(dialog.Locator(".members:not(.requests)")).ToContainTextAsync("bob@docs.localhost");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Refuse Carol Nguyen" }).ClickAsync();
        await Expect(requests).ToHaveCountAsync(0);
        await Expect(dialog.Locator(".members:not(.requests)")).Not.ToContainTextAsync("carol@docs.localhost");

        // Bob opens it now, as a commenter (who cannot change the title); Carol still cannot.
        await bob.Page.GotoAsync(url);
        await Expect(bob.Page.Locator(".title-input")).ToHaveValueAsync(title);
        await Expect(bob.Page.Locator(".title-input")).ToHaveAttributeAsync("readonly", "");
        await carol.Page.GotoAsync(url);
        await Expect(carol.Page.Locator("h1")).ToHaveTextAsync("This page does not exist");
    }
}
