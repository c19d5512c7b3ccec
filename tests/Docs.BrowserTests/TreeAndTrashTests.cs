using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Organising documents: sub-pages, moving them in the tree, and the trash.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TreeAndTrashTests(BrowserStack stack)
{
    [Fact]
    public async Task Sub_pages_are_created_from_the_tree_and_moved_by_dragging()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await page.NewDocumentAsync("Handbook " + suffix);

        // Two sub-pages of the handbook, from the tree's "New sub-page".
        await page.NewSubPageAsync("Onboarding " + suffix);
        await page.GetByRole(AriaRole.Link, new() { Name = "Handbook " + suffix }).ClickAsync();
        await page.WaitUntilSavedAsync();
        var secondUrl = await page.NewSubPageAsync("Laptops " + suffix);
        var second = Guid.Parse(new Uri(secondUrl).Segments[^1]);
        Assert.Equal(2, await DepthAsync(page, second));

        // Drag "Laptops" onto "Onboarding": it becomes Onboarding's sub-page.
        await page.DragAndDropAsync($".tree-row:has(a:text-is('Laptops {suffix}'))", $".tree-row:has(a:text-is('Onboarding {suffix}'))");
        await Expect(page.Locator("[role=treeitem]:has(> .tree-row a:text-is('Onboarding " + suffix + "')) [role=group]"))
            .ToContainTextAsync("Laptops " + suffix);
        Assert.Equal(3, await DepthAsync(page, second));

        // Without a mouse: from Laptops' menu, "Move…", find the handbook, Enter.
        await page.GotoAsync(secondUrl);
        await page.WaitUntilSavedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var moveItem = page.GetByRole(AriaRole.Menuitem, new() { Name = "Move…" });
        await moveItem.FocusAsync();
        await page.WaitForTimeoutAsync(500); // a person's pause: the menu stays open while the focus is inside it
        await Expect(moveItem).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#move-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Handbook " + suffix);
        var target = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Handbook " + suffix });
        await Expect(page.GetByRole(AriaRole.Dialog).Locator(".target")).ToHaveCountAsync(1); // the search is done: only the handbook is left
        await Expect(target).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Tab");
        await Expect(target).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.Equal(2, await DepthAsync(page, second));
    }

    [Fact]
    public async Task A_deleted_document_goes_to_the_trash_and_comes_back()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var title = "Old plan " + Guid.NewGuid().ToString("N")[..6];
        await page.NewDocumentAsync(title);

        // Escape cancels the confirmation (its focus is on Cancel, the safe choice); nothing is deleted.
        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("Delete this document?");
        // The focus moves onto Cancel once the dialog has rendered (a round trip later): Escape is meant for it.
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(page.Locator(".title-input")).ToHaveValueAsync(title);

        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await page.WaitForURLAsync(new Uri(stack.Web, "/").ToString());
        await Expect(page.Locator("main")).Not.ToContainTextAsync(title);

        await page.GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        var item = page.Locator(".doc-item", new() { HasText = title });
        await Expect(item).ToHaveCountAsync(1);
        await item.GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();
        await Expect(page.Locator(".notice.success")).ToContainTextAsync(title);
        await Expect(item).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "My documents" }).ClickAsync();
        await Expect(page.Locator(".doc-item", new() { HasText = title })).ToHaveCountAsync(1);
    }

    /// <summary>Where the document sits, as the API says through the gateway (with this browser's session).</summary>
    private static async Task<int> DepthAsync(IPage page, Guid id)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1.0/documents/{id}/");
        Assert.True(response.Ok, $"GET document: {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("depth").GetInt32();
    }
}
