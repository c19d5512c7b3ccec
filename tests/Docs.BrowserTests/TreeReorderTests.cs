using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Putting pages in order: dropped before or after another in the tree, or placed from the Move dialog.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TreeReorderTests(BrowserStack stack)
{
    [Fact]
    public async Task A_page_dropped_on_the_top_or_bottom_of_a_row_goes_before_or_after_it_and_the_move_dialog_offers_every_position()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var handbook = await page.NewDocumentAsync("Book " + suffix);
        var ids = new Dictionary<string, Guid>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            await page.GotoAsync(handbook);
            await page.WaitUntilSavedAsync();
            ids[name] = Guid.Parse(new Uri(await page.NewSubPageAsync($"{name} {suffix}")).Segments[^1]);
        }
        var parent = Guid.Parse(new Uri(handbook).Segments[^1]);
        Assert.Equal(["A", "B", "C"], await OrderAsync(page, parent, ids));

        // C dropped on the top edge of A's row: before A.
        await page.DragAndDropAsync(Row("C", suffix), Row("A", suffix), new() { TargetPosition = new() { X = 60, Y = 2 } });
        await Expect(page.Locator("[role=treeitem]:has(> .tree-row a:text-is('Book " + suffix + "')) [role=group] > li").First).ToContainTextAsync("C " + suffix);
        Assert.Equal(["C", "A", "B"], await OrderAsync(page, parent, ids));

        // C dropped on the bottom edge of B's row: after B.
        await page.DragAndDropAsync(Row("C", suffix), Row("B", suffix), new() { TargetPosition = new() { X = 60, Y = 27 } });
        await Expect(page.Locator("[role=treeitem]:has(> .tree-row a:text-is('Book " + suffix + "')) [role=group] > li").Last).ToContainTextAsync("C " + suffix);
        Assert.Equal(["A", "B", "C"], await OrderAsync(page, parent, ids));

        // From the keyboard: B, Move…, "Just before", A.
        await page.GotoAsync($"/docs/{ids["B"]}");
        await page.WaitUntilSavedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Move…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        var where = dialog.GetByRole(AriaRole.Combobox, new() { Name = "Where" });
        await Expect(where.Locator("option")).ToHaveCountAsync(6); // the API's six positions
        await where.SelectOptionAsync("left");
        await page.Locator("#move-search").FillAsync("A " + suffix);
        await Expect(dialog.Locator(".target")).ToHaveCountAsync(1);
        await ScreenshotTests.Shoot(page, ScreenshotTests.Folder(), "move-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "A " + suffix }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal(["B", "A", "C"], await OrderAsync(page, parent, ids));
    }

    private static string Row(string name, string suffix) => $".tree-row:has(a:text-is('{name} {suffix}'))";

    /// <summary>The sub-pages of <paramref name="parent"/> in the API's order, by their names here.</summary>
    private static async Task<string[]> OrderAsync(IPage page, Guid parent, Dictionary<string, Guid> ids)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1.0/documents/{parent}/children/");
        Assert.True(response.Ok, $"GET children: {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        var names = ids.ToDictionary(pair => pair.Value, pair => pair.Key);
        return json.RootElement.GetProperty("results").EnumerateArray().Select(child => names[child.GetProperty("id").GetGuid()]).ToArray();
    }
}
