using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Writing together: the editor, live between two people, sharing, and read-only readers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditingTests(BrowserStack stack)
{
    [Fact]
    public async Task Sharing_grants_access_and_two_editors_see_each_other_type_live()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var bob = await stack.SignInAsync("bob");

        var url = await alice.Page.NewDocumentAsync("Team notes " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.TypeAtEndAsync("Hello from Alice");
        await alice.Page.WaitUntilSavedAsync();

        // Before it is shared, Bob cannot tell the document exists.
        await bob.Page.GotoAsync(url);
        await Expect(bob.Page.Locator("h1")).ToHaveTextAsync("This page does not exist");

        await alice.Page.ShareWithAsync("bob@docs.localhost", "editor");

        // Now Bob opens it, and gets the text as it is.
        await bob.Page.ReloadAsync();
        await Expect(bob.Page.Editor()).ToContainTextAsync("Hello from Alice");
        await bob.Page.WaitUntilSavedAsync();

        // Each sees the other's typing appear, with the other's named cursor.
        await bob.Page.TypeAtEndAsync(" and Bob");
        await Expect(alice.Page.Editor()).ToContainTextAsync("Hello from Alice and Bob");
        await Expect(alice.Page.Locator(".bn-collaboration-cursor__label").Filter(new() { HasText = "Bob Dupont" })).ToHaveCountAsync(1);
        await alice.Page.TypeAtEndAsync(", live");
        await Expect(bob.Page.Editor()).ToContainTextAsync("Hello from Alice and Bob, live");

        // The text is kept: a fresh page load shows it.
        await alice.Page.WaitUntilSavedAsync();
        await bob.Page.ReloadAsync();
        await Expect(bob.Page.Editor()).ToContainTextAsync("Hello from Alice and Bob, live");
    }

    [Fact]
    public async Task A_reader_sees_the_text_but_cannot_type()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var carol = await stack.SignInAsync("carol");

        var url = await alice.Page.NewDocumentAsync("For reading " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.TypeAtEndAsync("Read me");
        await alice.Page.WaitUntilSavedAsync();
        await alice.Page.ShareWithAsync("carol@docs.localhost", "reader");

        await carol.Page.GotoAsync(url);
        await Expect(carol.Page.Editor()).ToContainTextAsync("Read me");
        await Expect(carol.Page.Locator(".connection")).ToContainTextAsync("Read only");
        await Expect(carol.Page.Editor()).ToHaveAttributeAsync("contenteditable", "false");
        await Expect(carol.Page.Locator(".title-input")).ToHaveAttributeAsync("readonly", "");
        // Readers see who has access, but cannot invite or change anything.
        await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = carol.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".members")).ToContainTextAsync("alice@docs.localhost");
        await Expect(dialog.Locator("#invite-email")).ToHaveCountAsync(0);
        await Expect(dialog.Locator("select:enabled")).ToHaveCountAsync(0);
        await Expect(dialog).ToBeFocusedAsync(); // where Escape is meant to land
        await carol.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);

        await carol.Page.Editor().ClickAsync();
        await carol.Page.Keyboard.TypeAsync("vandalism");
        await alice.Page.TypeAtEndAsync("!");
        await Expect(alice.Page.Editor()).ToContainTextAsync("Read me!");
        await Expect(carol.Page.Editor()).ToContainTextAsync("Read me!");
        await Expect(alice.Page.Editor()).Not.ToContainTextAsync("vandalism");
        await Expect(carol.Page.Editor()).Not.ToContainTextAsync("vandalism");
    }
}
