using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>A document's icon: an emoji chosen beside the title, kept as the title's first character (as the reference does).</summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentIconTests(BrowserStack stack)
{
    [Fact]
    public async Task An_icon_chosen_beside_the_title_shows_in_the_tree_and_the_list_and_survives_renaming()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var title = "Launch plan " + Guid.NewGuid().ToString("N")[..6];
        await page.NewDocumentAsync(title);

        await page.Locator(".title-area").HoverAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an icon" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Icons" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder(), "document-icon.png") });
        await page.GetByRole(AriaRole.Group, new() { Name = "Icons" }).GetByRole(AriaRole.Button, new() { Name = "🚀" }).ClickAsync();
        await Expect(page.Locator(".tree-row.current")).ToContainTextAsync("🚀 " + title);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change the icon" })).ToHaveTextAsync("🚀");
        await Expect(page.Locator(".title-input")).ToHaveValueAsync(title); // the field holds the words only

        // Renaming keeps the icon; the API's title carries it, so every list shows it.
        await page.RenameAsync(title + " v2");
        await Expect(page.Locator(".tree-row.current")).ToContainTextAsync("🚀 " + title + " v2");
        await page.GotoAsync("/");
        await Expect(page.Locator(".doc-title", new() { HasText = title })).ToHaveTextAsync("🚀 " + title + " v2");

        // And it can be removed.
        await page.Locator(".doc-link", new() { HasText = title }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change the icon" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the icon" }).ClickAsync();
        await Expect(page.Locator(".tree-row.current")).Not.ToContainTextAsync("🚀");
        await Expect(page.Locator(".tree-row.current")).ToContainTextAsync(title + " v2");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add an icon" })).ToHaveCountAsync(1);
    }
}
