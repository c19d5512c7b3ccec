using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Docs.Testing;
using Npgsql;

namespace Docs.AppHost.Tests;

/// <summary>What the AppHost adds to Aspire here, on its real model started by Aspire.Hosting.Testing: local servers, kept secrets, external servers.</summary>
[Collection(AppHostProcessCollection.Name)]
public sealed class InfrastructureTests
{
    [Fact]
    public async Task A_local_server_that_dies_shows_its_log_and_what_waits_on_it_is_not_started()
    {
        // A stand-in PostgreSQL whose server dies at once with a message, as a broken installation would.
        var fakeBin = Directory.CreateTempSubdirectory("docs-fake-pg").FullName;
        await WriteScriptAsync(Path.Combine(fakeBin, "initdb"), "mkdir -p \"$2\" && echo 15 > \"$2/PG_VERSION\"");
        await WriteScriptAsync(Path.Combine(fakeBin, "postgres"), "echo 'FATAL:  could not map shared memory: fake failure' >&2; exit 3");

        await using var app = await TestingApplication.StartAsync(new Dictionary<string, string?>
        {
            ["Postgres:BinDirectory"] = fakeBin,
            ["Postgres:OsUser"] = Environment.UserName,
        }, start: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // Aspire's start goes on while the services wait for a database that never comes: not awaited here.
        _ = app.BeginStartAsync(timeout.Token);

        await app.ResourceNotifications.WaitForResourceAsync("postgres", Aspire.Hosting.ApplicationModel.KnownResourceStates.TerminalStates, timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!app.Logs.Of("postgres").Any(line => line.Contains("fake failure", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Contains(app.Logs.Of("postgres"), line => line.Contains("fake failure", StringComparison.Ordinal));
        foreach (var dependent in new[] { "docsdb", "identitydb", "identity", "api", "collab", "worker" })
        {
            Assert.False(app.IsHealthy(dependent), $"{dependent} should not be running");
            Assert.Null(app.GetProcessId(dependent));
        }
    }

    [Fact]
    public async Task Generated_secrets_are_kept_owner_only_and_reused_by_the_next_run()
    {
        var data = Directory.CreateTempSubdirectory("docs-params").FullName;
        async Task<string> SecretOfARun()
        {
            await using var app = await TestingApplication.StartAsync(new Dictionary<string, string?> { ["AppHost:DataDirectory"] = data }, start: false);
            return app.Parameter("collaboration-secret");
        }

        var first = await SecretOfARun();
        var second = await SecretOfARun();

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "parameters.json")));
    }

    [Fact]
    public async Task With_connection_strings_and_an_authority_configured_servers_and_sign_in_are_external_and_nothing_is_started_for_them()
    {
        await using var provider = await TestingApplication.StartAsync();
        var authority = new Uri(provider.GetEndpoint("identity"), "/realms/impress").ToString();
        var external = new Dictionary<string, string?>
        {
            ["ConnectionStrings:docsdb"] = provider.GetConnectionString("docsdb"),
            ["ConnectionStrings:redis"] = provider.GetConnectionString("redis"),
            // Another OpenID Connect provider (here the first stack's): no Docs.Identity, no identity database.
            ["Identity:Authority"] = authority,
            ["Parameters:oidc-client-secret"] = provider.Parameter("oidc-client-secret"),
        };

        await using var app = await TestingApplication.StartAsync(external);

        Assert.DoesNotContain(app.ResourceNames, name => name is "postgres" or "identity" or "identitydb");
        Assert.Null(app.GetProcessId("redis"));
        Assert.Equal(external["ConnectionStrings:docsdb"], app.GetConnectionString("docsdb"));
        using var api = app.CreateHttpClient("api");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
        await using var connection = new NpgsqlConnection(app.GetConnectionString("docsdb"));
        await connection.OpenAsync();

        using var http = new HttpClient();
        using var grant = await http.PostAsync(new Uri(authority + "/protocol/openid-connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "docs-dev", ["username"] = "alice", ["password"] = "alice", ["scope"] = "openid profile email",
        }));
        var token = JsonDocument.Parse(await grant.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1.0/users/me/")).StatusCode);
    }

    private static async Task WriteScriptAsync(string path, string body)
    {
        await File.WriteAllTextAsync(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
