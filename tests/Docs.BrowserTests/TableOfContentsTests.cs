using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>The table of contents: the document's headings, to jump within a long document.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TableOfContentsTests(BrowserStack stack)
{
    [Fact]
    public async Task The_headings_are_listed_as_they_are_typed_and_a_click_brings_one_into_view()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        await page.NewDocumentAsync("Long read " + Guid.NewGuid().ToString("N")[..6]);
        var contents = page.GetByRole(AriaRole.Navigation, new() { Name = "Contents" });
        await Expect(contents).ToHaveCountAsync(0); // no headings, no table

        await page.TypeAtEndAsync("# Introduction");
        await page.Keyboard.PressAsync("Enter");
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.TypeAsync($"Paragraph {i} of a long document.");
            await page.Keyboard.PressAsync("Enter");
        }
        await page.Keyboard.TypeAsync("## Conclusion");
        await Expect(contents.GetByRole(AriaRole.Button)).ToHaveTextAsync(["Introduction", "Conclusion"]);

        // Back at the top, the conclusion is out of sight; its entry brings it back.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var conclusion = page.Locator("[data-content-type=heading] h2", new() { HasText = "Conclusion" });
        await Expect(conclusion).Not.ToBeInViewportAsync();
        await contents.GetByRole(AriaRole.Button, new() { Name = "Conclusion" }).ClickAsync();
        await Expect(conclusion).ToBeInViewportAsync();
        await ScreenshotTests.Shoot(page, ScreenshotTests.Folder(), "table-of-contents");
        await Expect(contents.Locator(".toc-level-2")).ToHaveTextAsync("Conclusion");
    }
}
