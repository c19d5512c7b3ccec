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

        // What the editable page needed from /editor/ on the last cold load: its size (Chromium reports the length
        // of the decoded body here; the compressed sizes are in bench/README.md), encoding and caching.
        long transferred = 0;
        var scripts = new List<(string Path, string? Encoding, string? CacheControl, long Bytes)>();
        foreach (var response in editorResponses)
        {
            var headers = await response.AllHeadersAsync();
            var path = new Uri(response.Url).AbsolutePath;
            var bytes = long.Parse(headers.GetValueOrDefault("content-length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            transferred += bytes;
            if (path.EndsWith(".js", StringComparison.Ordinal))
            {
                scripts.Add((path, headers.GetValueOrDefault("content-encoding"), headers.GetValueOrDefault("cache-control"), bytes));
            }
        }
        times.Sort();
        output.WriteLine($"cold navigation to an editable document: median {times[Runs / 2]:F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        output.WriteLine($"editor files loaded: {transferred / 1024.0:F0} KiB decoded ({editorResponses.Count} files)");
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
        // The one bundle was 2,141 KiB; split, the code the first paint loads is less (BlockNote's emoji data waits).
        var code = scripts.Sum(script => script.Bytes);
        Assert.True(code < 1_900 * 1024, $"{code / 1024} KiB of editor code for the first paint");
    }
}
