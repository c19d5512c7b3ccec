using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>
/// The main pages, in light and dark, English and French, wide and narrow, as pictures. In the test run they
/// go to a temporary folder; <c>scripts/screenshots.sh</c> sets <c>DOCS_SCREENSHOTS</c> to
/// <c>docs/screenshots/</c> to refresh the README's pictures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserStack stack)
{
    [Fact]
    public async Task The_main_pages_render_in_both_themes_both_languages_and_on_a_phone()
    {
        var folder = Folder();

        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var url = await page.NewDocumentAsync("Product roadmap");
        await page.TypeAtEndAsync("Where we are going next quarter, and why.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("# Goals");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("- Live collaboration for every team");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Self-hosted, on Kubernetes");
        await page.NewSubPageAsync("Milestones");
        await page.GotoAsync("/");
        await page.NewDocumentAsync("Meeting notes");
        await page.TypeAtEndAsync("Decisions, owners, dates.");
        await page.WaitUntilSavedAsync();

        await page.GotoAsync(url);
        await Expect(page.Editor()).ToContainTextAsync("Self-hosted");
        await page.WaitUntilSavedAsync();
        await Shoot(page, folder, "document");

        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".members")).ToContainTextAsync("alice@docs.localhost");
        await Shoot(page, folder, "sharing");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grid" }).ClickAsync();
        await Expect(page.Locator(".doc-grid")).ToContainTextAsync("Product roadmap");
        await Shoot(page, folder, "home");

        await page.GotoAsync("/trash");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Trash");
        await Shoot(page, folder, "trash");

        await page.GotoAsync("/docs/" + Guid.NewGuid());
        await Expect(page.Locator("h1")).ToHaveTextAsync("This page does not exist");
        await Shoot(page, folder, "not-found");

        await using (var dark = await stack.SignInAsync("alice", theme: "dark"))
        {
            await dark.Page.GotoAsync(url);
            await Expect(dark.Page.Editor()).ToContainTextAsync("Self-hosted");
            await dark.Page.WaitUntilSavedAsync();
            Assert.Equal("rgb(20, 23, 29)", await dark.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
            await Shoot(dark.Page, folder, "document-dark");
        }

        await using (var french = await stack.SignInAsync("alice", language: "fr"))
        {
            await Expect(french.Page.Locator("h1")).ToHaveTextAsync("Mes documents");
            await Expect(french.Page.GetByRole(AriaRole.Button, new() { Name = "Nouveau document" })).ToBeVisibleAsync();
            await Shoot(french.Page, folder, "home-fr");
        }

        await using (var phone = await stack.SignInAsync("alice", viewport: new ViewportSize { Width = 390, Height = 844 }))
        {
            await phone.Page.GotoAsync(url);
            await Expect(phone.Page.Editor()).ToContainTextAsync("Self-hosted");
            await phone.Page.WaitUntilSavedAsync();
            Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");
            await Shoot(phone.Page, folder, "document-phone");
        }

        foreach (var name in new[] { "document", "sharing", "home", "trash", "not-found", "document-dark", "home-fr", "document-phone" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, name + ".png")).Length > 10_000, name);
        }
    }

    /// <summary>docs/screenshots/ when <c>scripts/screenshots.sh</c> runs the tests, else a temporary folder.</summary>
    internal static string Folder()
    {
        var folder = Environment.GetEnvironmentVariable("DOCS_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Directory.CreateTempSubdirectory("docs-screenshots-").FullName;
        Directory.CreateDirectory(folder);
        return folder;
    }

    internal static async Task Shoot(IPage page, string folder, string name)
    {
        await page.Mouse.MoveAsync(0, 0); // no hover effects in the picture
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }
}
