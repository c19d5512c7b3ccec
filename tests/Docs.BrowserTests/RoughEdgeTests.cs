using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>What a new user ran into: addresses that lead nowhere, the theme button, who is who.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoughEdgeTests(BrowserStack stack)
{
    [Theory]
    [InlineData("/docs/00000000-0000-0000-0000-000000000000")]
    [InlineData("/docs/not-a-guid")]
    [InlineData("/no/such/page")]
    public async Task An_address_that_leads_nowhere_shows_the_not_found_page(string path)
    {
        await using var alice = await stack.SignInAsync("alice");
        await alice.Page.GotoAsync(path);
        await Expect(alice.Page.Locator("h1")).ToHaveTextAsync("This page does not exist");
    }

    [Fact]
    public async Task The_theme_button_says_what_it_will_do_and_its_first_click_changes_the_theme()
    {
        await using var alice = await stack.SignInAsync("alice", theme: "light");
        var button = alice.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" });
        await button.ClickAsync();
        await Expect(alice.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to the light theme" }).ClickAsync();
        await Expect(alice.Page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task The_title_leads_the_page_and_file_placeholders_follow_the_dark_theme()
    {
        await using var alice = await stack.SignInAsync("alice", theme: "dark");
        await alice.Page.NewDocumentAsync("Hierarchy");
        await alice.Page.TypeAtEndAsync("# A heading in the body");
        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.Page.Keyboard.TypeAsync("/image");
        await Expect(alice.Page.Locator(".bn-suggestion-menu")).ToBeVisibleAsync();
        await alice.Page.Keyboard.PressAsync("Enter");

        var heading = alice.Page.Locator("[data-content-type=heading] h1");
        await Expect(heading).ToContainTextAsync("A heading in the body");
        var headingSize = await heading.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        var titleSize = await alice.Page.Locator(".title-input").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(headingSize < titleSize, $"a body heading of {headingSize}px against a title of {titleSize}px");

        // The "add image" box is dark in the dark theme (BlockNote paints it beige).
        var placeholder = alice.Page.Locator(".bn-add-file-button").First;
        await Expect(placeholder).ToBeVisibleAsync();
        var lightness = await placeholder.EvaluateAsync<double>("""
            e => { const [r, g, b] = getComputedStyle(e).backgroundColor.match(/\d+/g).map(Number); return (r + g + b) / 3 }
            """);
        Assert.True(lightness < 100, $"the placeholder's background averages {lightness} of 255");
    }

    [Fact]
    public async Task People_editing_together_get_different_colours_even_when_they_prefer_the_same_one()
    {
        // The stack's palette has two colours, so two of these three people prefer the same one (their avatars show it).
        var people = new List<(string Name, BrowserSession Session, string Color)>();
        try
        {
            foreach (var name in new[] { "alice", "bob", "carol" })
            {
                var session = await stack.SignInAsync(name);
                people.Add((name, session, await session.Page.Locator(".topbar .avatar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")));
            }
            var pair = people.GroupBy(person => person.Color).First(same => same.Count() > 1).Take(2).ToList();
            var (first, second) = (pair[0].Session.Page, pair[1].Session.Page);
            var url = await first.NewDocumentAsync("Colours " + Guid.NewGuid().ToString("N")[..6]);
            await first.ShareWithAsync($"{pair[1].Name}@docs.localhost", "editor");
            await second.GotoAsync(url);
            await first.TypeAtEndAsync("one ");
            await second.TypeAtEndAsync("two ");
            await Expect(first.Editor()).ToContainTextAsync("two");

            // Each sees the other's cursor, and the two colours differ.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            string seenByFirst, seenBySecond;
            do
            {
                await first.TypeAtEndAsync(".");
                await second.TypeAtEndAsync(".");
                seenByFirst = await CursorColourAsync(first);
                seenBySecond = await CursorColourAsync(second);
            }
            while (seenByFirst == seenBySecond && DateTime.UtcNow < deadline);
            Assert.NotEqual(seenByFirst, seenBySecond);
        }
        finally
        {
            foreach (var person in people)
            {
                await person.Session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_share_dialog_copies_the_documents_link_and_says_what_it_gives()
    {
        await using var alice = await stack.SignInAsync("alice");
        await alice.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var url = await alice.Page.NewDocumentAsync("Linked " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = alice.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator(".link-summary")).ToHaveTextAsync("Only invited people can open it.");
        await dialog.Locator(".link-settings select").First.SelectOptionAsync("public");
        await Expect(dialog.Locator(".link-summary")).ToHaveTextAsync("Anyone with the link can read it.");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(dialog.Locator(".notice")).ToContainTextAsync("Link copied.");
        Assert.Equal(url, await alice.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
    }

    [Fact]
    public async Task Duplicate_asks_whether_to_copy_the_sub_pages_too()
    {
        await using var alice = await stack.SignInAsync("alice");
        var title = "Original " + Guid.NewGuid().ToString("N")[..6];
        await alice.Page.NewDocumentAsync(title);
        await alice.Page.NewSubPageAsync("The child");
        await alice.Page.Locator(".tree-row").Filter(new() { HasText = title }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(alice.Page.Locator(".title-input")).ToHaveValueAsync(title);

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Duplicate…" }).ClickAsync();
        var dialog = alice.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("With its sub-pages").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Duplicate", Exact = true }).ClickAsync();

        await Expect(alice.Page.Locator(".title-input")).ToHaveValueAsync("Copy of " + title);
        await Expect(alice.Page.Locator(".tree-row.current")).ToContainTextAsync("Copy of " + title);
        await Expect(alice.Page.Locator(".tree-row.current button.twisty")).ToBeVisibleAsync(); // the copy has its sub-page
    }

    [Fact]
    public async Task Someone_a_document_was_shared_with_can_leave_it_from_the_menu()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var bob = await stack.SignInAsync("bob");
        var url = await alice.Page.NewDocumentAsync("Shared for a while " + Guid.NewGuid().ToString("N")[..6]);
        await alice.Page.ShareWithAsync("bob@docs.localhost", "editor");

        await bob.Page.GotoAsync(url);
        await bob.Page.WaitUntilSavedAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Leave…" }).ClickAsync();
        await bob.Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave", Exact = true }).ClickAsync();

        await bob.Page.WaitForURLAsync(new Uri(stack.Web, "/").ToString());
        await bob.Page.GotoAsync(url);
        await Expect(bob.Page.Locator("h1")).ToHaveTextAsync("This page does not exist");
    }

    private static async Task<string> CursorColourAsync(IPage page)
    {
        var label = page.Locator(".bn-collaboration-cursor__label").First;
        await label.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return await label.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
    }
}
