using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Every page and dialog, in the light and the dark theme, as axe-core checks them (WCAG 2.1 A/AA and best practices).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserStack stack)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_page_and_dialog_has_no_accessibility_violation(string theme)
    {
        var found = new List<string>();
        async Task Check(IPage page, string what)
        {
            var violations = await Axe.ViolationsAsync(page);
            found.AddRange(violations.Select(v => $"{what} ({theme}): {v}"));
        }

        await using (var visitor = await stack.AnonymousAsync(theme))
        {
            await visitor.Page.GotoAsync("/");
            await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Write notes together, live.");
            await Check(visitor.Page, "landing");
            await visitor.Page.GotoAsync("/login");
            await visitor.Page.Locator("#username").WaitForAsync();
            await Check(visitor.Page, "sign-in");
        }

        await using var alice = await stack.SignInAsync("alice", theme: theme);
        var page = alice.Page;
        var title = "Accessible " + Guid.NewGuid().ToString("N")[..6];
        await page.NewDocumentAsync(title);
        await page.TypeAtEndAsync("Some text, and a heading below.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("## A section");
        await page.WaitUntilSavedAsync();
        await Check(page, "document");

        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".members")).ToContainTextAsync("alice@docs.localhost");
        await Check(page, "share dialog");
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(stack.Web, "/").ToString());
        await Expect(page.Locator(".doc-list, .empty").First).ToBeVisibleAsync();
        await Check(page, "home");

        await page.GotoAsync("/trash");
        await Expect(page.Locator(".doc-item", new() { HasText = title })).ToHaveCountAsync(1);
        await Check(page, "trash");

        Assert.True(found.Count == 0, $"{found.Count} accessibility violation(s):\n" + string.Join("\n", found));
    }
}
