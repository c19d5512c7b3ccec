using System.Text.Json;
using Docs.Testing;
using Microsoft.Playwright;

namespace Docs.BrowserTests;

/// <summary>
/// axe-core, the accessibility engine, run in the page: the npm package of <c>tests/interop</c> (installed by
/// <c>npm ci</c>), never fetched from the network.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "interop", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is missing at {path}: run npm ci in tests/interop (./test.sh does).");
    });

    /// <summary>WCAG 2.1 A and AA, and axe's best practices.</summary>
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    /// <summary>The violations axe finds on the page as it is now, one line each (rule, impact, where), none when clean.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the browser's debugging protocol: the site's content security policy does not apply.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        var found = await page.EvaluateAsync<JsonElement>("""
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary ?? '').replace(/\s+/g, ' ')).join(' | ')}`)
            }
            """, Tags);
        return found.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>Fails with axe's findings, naming the page or dialog, unless there are none.</summary>
    public static async Task AssertCleanAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}: {violations.Count} accessibility violation(s):\n" + string.Join("\n", violations));
    }
}
