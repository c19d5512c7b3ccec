using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>Images in documents: uploaded from the editor, shown to the people the document is shared with.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentTests(BrowserStack stack)
{
    /// <summary>A 1×1 red PNG.</summary>
    private static readonly byte[] RedPixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    [Fact]
    public async Task An_image_uploaded_in_the_editor_shows_for_its_author_and_for_a_reader()
    {
        await using var alice = await stack.SignInAsync("alice");
        await using var bob = await stack.SignInAsync("bob");
        var url = await alice.Page.NewDocumentAsync("With a picture " + Guid.NewGuid().ToString("N")[..6]);

        await alice.Page.TypeAtEndAsync("A red pixel:");
        await alice.Page.Keyboard.PressAsync("Enter");
        await alice.Page.Keyboard.TypeAsync("/image");
        await alice.Page.Keyboard.PressAsync("Enter");
        var chooser = await alice.Page.RunAndWaitForFileChooserAsync(() =>
            alice.Page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "pixel.png", MimeType = "image/png", Buffer = RedPixel });

        var image = alice.Page.Editor().Locator("img[src*='/media/']");
        await Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("/media/[0-9a-f-]{36}/attachments/[0-9a-f-]{36}\\.png$"));
        await ExpectLoadedAsync(image);
        await alice.Page.WaitUntilSavedAsync();

        await alice.Page.ShareWithAsync("bob@docs.localhost", "reader");
        await bob.Page.GotoAsync(url);
        var seen = bob.Page.Editor().Locator("img[src*='/media/']");
        await ExpectLoadedAsync(seen);
        // Readers see attachments; they are not offered to upload (the editor is read-only for them).
        await Expect(bob.Page.Editor()).ToHaveAttributeAsync("contenteditable", "false");
    }

    [Fact]
    public async Task A_refused_file_says_why()
    {
        await using var alice = await stack.SignInAsync("alice");
        await alice.Page.NewDocumentAsync("Refused " + Guid.NewGuid().ToString("N")[..6]);

        await alice.Page.TypeAtEndAsync("/image");
        await alice.Page.Keyboard.PressAsync("Enter");
        var chooser = await alice.Page.RunAndWaitForFileChooserAsync(() =>
            alice.Page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync());
        // A page dressed up as a picture: its bytes say what it is.
        await chooser.SetFilesAsync(new FilePayload
        {
            Name = "cat.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray(),
        });

        await Expect(alice.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "cat.png" })).ToContainTextAsync("cannot be attached");
        await Expect(alice.Page.Editor().Locator("img[src*='/media/']")).ToHaveCountAsync(0);
    }

    /// <summary>The browser fetched and decoded the image (a refused or missing one has no natural width).</summary>
    private static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToHaveCountAsync(1);
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);
    }
}
