using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>The UI in each of its languages, the editor's own strings included, chosen from the top bar.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageTests(BrowserStack stack)
{
    [Theory]
    [InlineData("de", "Meine Dokumente", "Neues Dokument", "Überschrift 1")]
    [InlineData("nl", "Mijn documenten", "Nieuw document", "Kop 1")]
    [InlineData("es", "Mis documentos", "Nuevo documento", "Encabezado 1")]
    [InlineData("it", "I miei documenti", "Nuovo documento", "Intestazione 1")]
    public async Task The_language_picker_switches_the_pages_and_the_editor(string language, string heading, string newDocument, string firstHeading)
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        await page.GetByLabel("Language").SelectOptionAsync(language);
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        if (language == "de")
        {
            await ScreenshotTests.Shoot(page, ScreenshotTests.Folder(), "home-de");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = newDocument }).ClickAsync();
        await page.WaitForURLAsync(BrowserStack.DocumentUrl());
        // BlockNote's slash menu speaks the same language.
        await page.Editor().ClickAsync();
        await page.Keyboard.TypeAsync("/");
        await Expect(page.Locator(".bn-suggestion-menu")).ToContainTextAsync(firstHeading);
    }
}
