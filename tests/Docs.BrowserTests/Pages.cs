using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>What people do in the UI, in the words of the UI.</summary>
public static class Pages
{
    /// <summary>From the home page: a new document, titled, open and connected. Returns its address.</summary>
    public static async Task<string> NewDocumentAsync(this IPage page, string title)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "New document" }).ClickAsync();
        await page.WaitForURLAsync(BrowserStack.DocumentUrl());
        await page.WaitUntilSavedAsync();
        await page.RenameAsync(title);
        return page.Url;
    }

    /// <summary>
    /// A sub-page of the open document, from the tree's button, renamed to <paramref name="title"/>; its URL.
    /// Waits for the new page first: until then the title field is still the parent's.
    /// </summary>
    public static async Task<string> NewSubPageAsync(this IPage page, string title)
    {
        var before = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "New sub-page", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url != before && BrowserStack.DocumentUrl().IsMatch(url));
        // The address changes before the page shows the new document: the title field and the tree's current
        // row are the parent's for a moment, and typing there would rename the parent.
        var id = new Uri(page.Url).Segments[^1].TrimEnd('/');
        await Expect(page.Locator(".tree-row.current")).ToHaveAttributeAsync("data-id", id);
        await Expect(page.Locator(".title-input")).ToHaveValueAsync("");
        await page.WaitUntilSavedAsync();
        await page.RenameAsync(title);
        return page.Url;
    }

    public static async Task RenameAsync(this IPage page, string title)
    {
        await page.FillAsync(".title-input", title);
        await page.PressAsync(".title-input", "Tab"); // the change event saves it
        await Expect(page.Locator(".tree-row.current")).ToContainTextAsync(title);
    }

    public static Task WaitUntilSavedAsync(this IPage page) => Expect(page.Locator(".connection")).ToContainTextAsync("Saved");

    public static ILocator Editor(this IPage page) => page.Locator(".bn-editor");

    /// <summary>Types at the end of the document.</summary>
    public static async Task TypeAtEndAsync(this IPage page, string text)
    {
        await page.Editor().ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Shares the open document with <paramref name="email"/> through the sharing dialog.</summary>
    public static async Task ShareWithAsync(this IPage page, string email, string role)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("#invite-email").FillAsync(email);
        await dialog.Locator("#invite-role").SelectOptionAsync(role);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(dialog.Locator(".notice.success")).ToContainTextAsync("can now open this document");
        await Expect(dialog.Locator(".members")).ToContainTextAsync(email);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
