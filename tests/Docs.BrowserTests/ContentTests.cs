using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Content in and out from the UI: Import on the home page, the Export dialog, Copy as Markdown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentTests(BrowserStack stack)
{
    [Fact]
    public async Task A_markdown_file_is_imported_from_home_then_exported_and_copied_as_markdown()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var suffix = Guid.NewGuid().ToString("N")[..6];

        // Import: the file goes through the home page's Import control, and the new document opens.
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = $"Imported {suffix}.md",
            MimeType = "text/markdown",
            Buffer = Encoding.UTF8.GetBytes($"# Hello {suffix}\n\nSome **bold** text.\n"),
        });
        await page.WaitForURLAsync(BrowserStack.DocumentUrl());
        await Expect(page.Editor()).ToContainTextAsync($"Hello {suffix}");
        await page.WaitUntilSavedAsync();

        // Copy as Markdown, from the document's menu.
        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Copy as Markdown" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Copied as Markdown." })).ToBeVisibleAsync();
        Assert.Equal($"# Hello {suffix}\n\nSome **bold** text.\n", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // Export: PDF on Letter paper is a download of a PDF; Markdown gives the page back.
        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Export…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Export" });
        await dialog.Locator("#export-paper").SelectOptionAsync("letter");
        await Expect(dialog.Locator("#export-download")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("format=pdf&paper=letter$"));
        var pdf = await page.RunAndWaitForDownloadAsync(() => dialog.Locator("#export-download").ClickAsync());
        Assert.Equal($"Imported {suffix}.pdf", pdf.SuggestedFilename);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await File.ReadAllBytesAsync((await pdf.PathAsync())!))[..4], StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Export…" }).ClickAsync();
        await dialog.GetByLabel("Markdown").CheckAsync();
        var markdown = await page.RunAndWaitForDownloadAsync(() => dialog.Locator("#export-download").ClickAsync());
        Assert.Equal($"# Hello {suffix}\n\nSome **bold** text.\n", await File.ReadAllTextAsync((await markdown.PathAsync())!));
    }
}
