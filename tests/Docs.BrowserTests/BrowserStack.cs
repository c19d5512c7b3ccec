using System.Text.RegularExpressions;
using Docs.Testing;
using Microsoft.Playwright;

namespace Docs.BrowserTests;

/// <summary>The whole stack, started from the AppHost's model, and the machine's Chromium to use it with.</summary>
public sealed partial class BrowserStack : IAsyncLifetime
{
    /// <summary>The Debian Chromium: tests never download a browser of their own.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public TestingApplication App { get; private set; } = null!;
    public Uri Web { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: apt-get install chromium (scripts/prerequisites.sh test does).");
        }
        App = await TestingApplication.StartAsync(new Dictionary<string, string?>
            {
                ["Services:api:RateLimits:WritesPerAddress"] = "1000000",
                // Two colours for people: of any three, two prefer the same one (RoughEdgeTests tells them apart).
                ["Services:web:Ui:UserColors:0"] = "#2563eb",
                ["Services:web:Ui:UserColors:1"] = "#db2777",
            });
        Web = App.GetEndpoint("web");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root
        });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>A browser of its own that nobody signed in to.</summary>
    public async Task<BrowserSession> AnonymousAsync(string? theme = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Web.ToString(),
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>A browser of its own (cookies and all) for <paramref name="user"/>, signed in through Docs.Identity, on the home page.</summary>
    public async Task<BrowserSession> SignInAsync(string user, string? language = null, string? theme = null, ViewportSize? viewport = null, Uri? site = null)
    {
        site ??= Web;
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (language is not null)
        {
            await page.GotoAsync($"/language/{language}");
        }
        await page.GotoAsync("/login");
        try
        {
            await page.Locator("#username").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"No sign-in form at {page.Url}: {await page.ContentAsync()}", ex);
        }
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", user);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Uri(site, "/").ToString());
        // The home page has listed the documents: the API knows this person from now on. The stack's first sign-in
        // warms every service up (a busy machine has taken more than the usual 20 s).
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        try
        {
            await page.Locator(".doc-list, .doc-grid, .empty").First.WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"The home page listed nothing at {page.Url}: {await page.Locator("body").InnerTextAsync()}\nConsole: {string.Join("\n", console)}", ex);
        }
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    [GeneratedRegex("/docs/[0-9a-f-]{36}$")]
    public static partial Regex DocumentUrl();
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserStack>
{
    public const string Name = "browser";
}
