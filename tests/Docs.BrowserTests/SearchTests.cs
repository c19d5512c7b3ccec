using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>The search dialog: Ctrl+K, results while typing with the matched words marked, the keyboard, its states, in French.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchTests(BrowserStack stack)
{
    [Fact]
    public async Task Ctrl_K_finds_what_was_typed_in_the_editor_and_Enter_opens_it()
    {
        await using var alice = await stack.SignInAsync("alice");
        var word = "quokka" + Guid.NewGuid().ToString("N")[..6];
        var url = await alice.Page.NewDocumentAsync("Field notes");
        await alice.Page.TypeAtEndAsync($"We saw a {word} near the river.");
        await alice.Page.WaitUntilSavedAsync();
        await alice.Page.GotoAsync("/");
        await alice.Page.Locator(".doc-list, .doc-grid, .empty").First.WaitForAsync();

        await alice.Page.Keyboard.PressAsync("Control+k");
        var dialog = alice.Page.GetByRole(AriaRole.Dialog, new() { Name = "Search" });
        var input = dialog.GetByRole(AriaRole.Combobox);
        await Expect(input).ToBeFocusedAsync();
        await Expect(dialog).ToContainTextAsync("Type words from a title or from the text.");

        // Typed, then searchable within seconds (the collaboration server signals the edit, Docs.Worker indexes it).
        var result = dialog.GetByRole(AriaRole.Option).Filter(new() { HasText = "Field notes" });
        for (var attempt = 0; attempt < 40 && await result.CountAsync() == 0; attempt++)
        {
            await input.FillAsync("");
            await input.PressSequentiallyAsync(word[..^2]); // the last word is a prefix while it is typed
            await Expect(dialog.Locator(".search-result, .search-none").First).ToBeVisibleAsync();
            if (await result.CountAsync() == 0)
            {
                await Task.Delay(500);
            }
        }
        await Expect(result).ToHaveCountAsync(1);
        await Expect(result.Locator("mark")).ToHaveTextAsync(word);
        await Expect(result.Locator(".search-result-snippet")).ToContainTextAsync("near the river");
        await Expect(result).ToHaveAttributeAsync("aria-selected", "true");

        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.Page.WaitForURLAsync(url);
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task No_results_and_Escape_and_the_same_in_French()
    {
        await using var bob = await stack.SignInAsync("bob", language: "fr");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Rechercher", Exact = true }).ClickAsync();
        var dialog = bob.Page.GetByRole(AriaRole.Dialog, new() { Name = "Rechercher" });
        await Expect(dialog).ToContainTextAsync("Tapez des mots d'un titre ou du texte.");

        var nothing = "zzyzx" + Guid.NewGuid().ToString("N")[..8];
        await dialog.GetByRole(AriaRole.Combobox).PressSequentiallyAsync(nothing);
        await Expect(dialog.Locator(".search-none")).ToHaveTextAsync($"Aucun document ne correspond à « {nothing} ».");

        await bob.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
    }
}
