using System.Diagnostics;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Docs.BrowserTests;

/// <summary>
/// How fast a document becomes editable on a cold cache, and what the editor costs to download: its code is
/// split (what the first paint needs, the rest on demand), served precompressed and cached for good.
/// The figures are printed (bench/README.md keeps them).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstPaintTests(BrowserStack stack, ITestOutputHelper output)
{
    private const int Runs = 3;

    [Fact]
    public async Task A_cold_navigation_downloads_a_small_precompressed_editor_cached_for_good()
    {
        await using var alice = await stack.SignInAsync("alice");
        var page = alice.Page;
        var url = await page.NewDocumentAsync("Cold start " + Guid.NewGuid().ToString("N")[..6]);
        await page.TypeAtEndAsync("Some text to load.");
        await page.WaitUntilSavedAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);

        var times = new List<double>();
        var editorResponses = new List<IResponse>();
        void Record(object? sender, IResponse response)
        {
            if (new Uri(response.Url).AbsolutePath.StartsWith("/editor/", StringComparison.Ordinal))
            {
                editorResponses.Add(response);
            }
        }
        for (var run = 0; run < Runs; run++)
        {
            await page.GotoAsync("about:blank");
            await cdp.SendAsync("Network.clearBrowserCache");
            editorResponses.Clear();
            page.Response += Record;
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(url);
            await Expect(page.Locator(".bn-editor[contenteditable=true]")).ToBeVisibleAsync();
            await Expect(page.Editor()).ToContainTextAsync("Some text to load.");
            times.Add(clock.Elapsed.TotalMilliseconds);
            page.Response -= Record;
        }

        // What the editable page needed from /editor/ on the last cold load: bytes on the wire (the browser's resource
        // timing: the encoded body), encoding and caching.
        var onTheWire = await page.EvaluateAsync<Dictionary<string, double>>("""
            () => Object.fromEntries(performance.getEntriesByType('resource')
              .filter(e => new URL(e.name).pathname.startsWith('/editor/'))
              .map(e => [new URL(e.name).pathname, e.encodedBodySize]))
            """);
        var transferred = (long)onTheWire.Values.Sum();
        var scripts = new List<(string Path, string? Encoding, string? CacheControl, long Bytes)>();
        foreach (var response in editorResponses)
        {
            var headers = await response.AllHeadersAsync();
            var path = new Uri(response.Url).AbsolutePath;
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                scripts.Add((path, headers.GetValueOrDefault("content-encoding"), headers.GetValueOrDefault("cache-control"), (long)onTheWire.GetValueOrDefault(path)));
            }
        }
        times.Sort();
        output.WriteLine($"cold navigation to an editable document: median {times[Runs / 2]:F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        output.WriteLine($"editor files on the wire: {transferred / 1024.0:F0} KiB ({onTheWire.Count} files)");
        foreach (var script in scripts)
        {
            output.WriteLine($"  {script.Path} {script.Bytes / 1024.0:F0} KiB {script.Encoding} {script.CacheControl}");
        }

        Assert.NotEmpty(scripts);
        Assert.All(scripts, script =>
        {
            // Precompressed at build time (gzip; a published build adds Brotli).
            Assert.Contains(script.Encoding, new[] { "gzip", "br" });
            Assert.Contains("immutable", script.CacheControl ?? "", StringComparison.Ordinal);
        });
        // The 2.1 MB bundle came to 610 KiB gzipped; split, what the first paint loads is less.
        Assert.True(transferred < 560 * 1024, $"{transferred / 1024} KiB of editor files for the first paint");
    }
}
