using System.Diagnostics;

namespace Docs.AppHost.Tests.Publishing;

/// <summary>Runs <c>Docs.AppHost publish</c> as a deployer does: its own process, its own output directory.</summary>
internal static class Published
{
    /// <summary>What each service needs to start: the settings its code requires, and that nothing defaults.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredSettings = new Dictionary<string, string[]>
    {
        ["api"] = ["ConnectionStrings__docsdb", "ConnectionStrings__redis", "Collaboration__ServerSecret", "Identity__Authority", "Identity__Audience"],
        ["collab"] = ["ConnectionStrings__docsdb", "ConnectionStrings__redis", "Collaboration__ServerSecret", "Collaboration__AllowedOrigins__0"],
        ["worker"] = ["ConnectionStrings__docsdb", "Identity__Authority", "Identity__Audience", "Mail__SiteUrl"],
        ["web"] = ["ConnectionStrings__redis", "Identity__Authority", "Identity__ClientId", "Identity__ClientSecret", "services__api__http__0", "services__collab__http__0"],
        ["keycloak"] = ["KC_DB_URL", "KC_DB_PASSWORD", "KC_HOSTNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD", "DOCS_BASE_URL", "DOCS_OIDC_CLIENT_SECRET"],
        ["postgres"] = ["POSTGRES_PASSWORD"],
        ["redis"] = ["REDIS_PASSWORD"],
    };

    public static string NewOutput() =>
        Path.Combine(Path.GetTempPath(), "docs-tests", "publish-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Publishes and returns the output directory; fails the test with the AppHost's words otherwise.</summary>
    public static async Task<string> RunAsync(string target, IDictionary<string, string>? settings = null, string? output = null)
    {
        output ??= NewOutput();
        // Aspire's own manifest comes from Aspire's publisher; the Kubernetes and Compose outputs from ours.
        string[] arguments = target == "manifest"
            ? ["--publisher", "manifest", "--output-path", Path.Combine(output, "aspire-manifest.json")]
            : ["publish", "--target", target, "--output", output];
        var (exitCode, text) = await RunAppHostAsync(arguments, settings);
        Assert.True(exitCode == 0, $"publish --target {target} exited with {exitCode}:\n{text}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunAppHostAsync(IReadOnlyList<string> arguments, IDictionary<string, string>? settings = null)
    {
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Docs.AppHost"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        // Nothing of a developer's .data/ is read or written by publishing; a data directory of its own proves it.
        startInfo.Environment["AppHost__DataDirectory"] = NewOutput();
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
