using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>
/// No edit is lost while the collaboration server is away: what is typed is kept in the browser through a
/// reload or a closed tab, reaches everyone once the server is back, and leaves with its owner at sign-out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTests(BrowserStack stack)
{
    [Fact]
    public async Task Typed_while_the_collaboration_server_is_down_survives_a_reload_and_reaches_the_other_editor_when_it_is_back()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var bob = await stack.SignInAsync("bob");
        var url = await alice.Page.NewDocumentAsync("Offline notes " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.TypeAtEndAsync("Said online.");
        await alice.Page.WaitUntilSavedAsync();
        await alice.Page.ShareWithAsync("bob@docs.localhost", "editor");
        await bob.Page.GotoAsync(url);
        await Expect(bob.Page.Editor()).ToContainTextAsync("Said online.");

        await WhileStoppedAsync("collab", async () =>
        {
            await alice.Page.TypeAtEndAsync(" Typed offline.");
            await Expect(alice.Page.Locator(".connection")).ToContainTextAsync("changes not yet saved");

            // Leaving warns; reloading anyway keeps the line, still counted as unsaved.
            string? warning = null;
            alice.Page.Dialog += async (_, dialog) =>
            {
                warning = dialog.Type;
                await dialog.AcceptAsync();
            };
            await alice.Page.ReloadAsync();
            Assert.Equal("beforeunload", warning);
            await Expect(alice.Page.Editor()).ToContainTextAsync("Said online. Typed offline.");
            await Expect(alice.Page.Locator(".connection")).ToContainTextAsync("changes not yet saved");
            await ScreenshotTests.Shoot(alice.Page, ScreenshotTests.Folder(), "offline");
        });

        await alice.Page.WaitUntilSavedAsync();
        await Expect(alice.Page.Locator(".connection")).Not.ToContainTextAsync("not yet saved");
        await Expect(bob.Page.Editor()).ToContainTextAsync("Said online. Typed offline."); // never reloaded
        await bob.Page.ReloadAsync();
        await Expect(bob.Page.Editor()).ToContainTextAsync("Said online. Typed offline.");
    }

    [Fact]
    public async Task When_the_site_restarts_the_page_reloads_by_itself_and_keeps_what_was_typed_meanwhile()
    {
        await using var alice = await stack.SignInAsync("alice");
        await alice.Page.NewDocumentAsync("Site restart " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.TypeAtEndAsync("Before.");
        await alice.Page.WaitUntilSavedAsync();
        var warned = false;
        alice.Page.Dialog += async (_, dialog) =>
        {
            warned = true;
            await dialog.AcceptAsync();
        };

        await WhileStoppedAsync("web", kill: true, during: async () =>
        {
            // A banner, not a dialog: the editor still takes typing, into the local copy.
            await Expect(alice.Page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
            await alice.Page.TypeAtEndAsync(" While the site was down.");
            await Expect(alice.Page.Locator(".connection")).ToContainTextAsync("changes not yet saved");
        });

        // The restarted server does not know the old page: it reloads, with no "leave the page?" question.
        await alice.Page.WaitForLoadStateAsync();
        await Expect(alice.Page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await alice.Page.WaitUntilSavedAsync();
        await Expect(alice.Page.Editor()).ToContainTextAsync("Before. While the site was down.");
        Assert.False(warned);
        var fresh = await alice.Page.Context.NewPageAsync();
        await fresh.GotoAsync(alice.Page.Url);
        await Expect(fresh.Editor()).ToContainTextAsync("Before. While the site was down.");
    }

    [Fact]
    public async Task A_tab_closed_offline_gives_its_edits_back_when_the_document_is_opened_again()
    {
        await using var alice = await stack.SignInAsync("alice");
        var url = await alice.Page.NewDocumentAsync("Closed offline " + Guid.NewGuid().ToString("N")[..6]);
        await WhileStoppedAsync("collab", async () =>
        {
            await alice.Page.TypeAtEndAsync("Written before closing.");
            await Expect(alice.Page.Locator(".connection")).ToContainTextAsync("changes not yet saved");
            await alice.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false });
        });

        var later = await alice.Page.Context.NewPageAsync();
        await later.GotoAsync(url);
        await later.WaitUntilSavedAsync();
        await Expect(later.Editor()).ToContainTextAsync("Written before closing.");

        // The server has it now: another person sees it.
        await using var bob = await stack.SignInAsync("bob");
        await later.ShareWithAsync("bob@docs.localhost", "reader");
        await bob.Page.GotoAsync(url);
        await Expect(bob.Page.Editor()).ToContainTextAsync("Written before closing.");
    }

    [Fact]
    public async Task Signing_out_deletes_the_local_copies_even_of_unsaved_changes()
    {
        await using var carol = await stack.SignInAsync("carol");
        await carol.Page.NewDocumentAsync("Private " + Guid.NewGuid().ToString("N")[..6]);
        await carol.Page.TypeAtEndAsync("Nobody else on this computer may read this. ");
        await carol.Page.WaitUntilSavedAsync();
        await WhileStoppedAsync("collab", async () =>
        {
            await carol.Page.TypeAtEndAsync("Not even this.");
            await Expect(carol.Page.Locator(".connection")).ToContainTextAsync("changes not yet saved");
            Assert.NotEmpty(await LocalCopiesAsync(carol.Page));
            Assert.NotEmpty(await UnsavedJournalsAsync(carol.Page));

            carol.Page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "leave with unsaved changes?"
            await carol.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(carol.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
            Assert.Empty(await LocalCopiesAsync(carol.Page));
            Assert.Empty(await UnsavedJournalsAsync(carol.Page));
        });
    }

    /// <summary>Runs <paramref name="during"/> with a service stopped (killed outright when <paramref name="kill"/>), and starts it again whatever happens.</summary>
    private async Task WhileStoppedAsync(string service, Func<Task> during, bool kill = false)
    {
        await stack.App.StopResourceAsync(service, kill);
        try
        {
            await during();
        }
        finally
        {
            await stack.App.StartResourceAsync(service);
        }
    }

    private static async Task<string[]> UnsavedJournalsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => Object.keys(localStorage).filter(k => k.startsWith('docs-local:'))");

    private static async Task<string[]> LocalCopiesAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("async () => (await indexedDB.databases()).map(d => d.name).filter(n => n.startsWith('docs-local:'))");
}
