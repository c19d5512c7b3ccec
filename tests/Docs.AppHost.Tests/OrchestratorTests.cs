using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Docs.Hosting;
using Docs.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Docs.AppHost.Tests;

/// <summary>The orchestrator's rules, on the AppHost's real model started in process by the test builder.</summary>
[Collection(AppHostProcessCollection.Name)]
public sealed class OrchestratorTests
{
    [Fact]
    public async Task A_resource_that_dies_is_reported_with_its_log_and_what_waits_on_it_is_not_started()
    {
        // A stand-in PostgreSQL whose server dies at once with a message, as a broken installation would.
        var fakeBin = Directory.CreateTempSubdirectory("docs-fake-pg").FullName;
        await WriteScriptAsync(Path.Combine(fakeBin, "initdb"), "mkdir -p \"$2\" && echo 15 > \"$2/PG_VERSION\"");
        await WriteScriptAsync(Path.Combine(fakeBin, "postgres"), "echo 'FATAL:  could not map shared memory: fake failure' >&2; exit 3");

        await using var app = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(
            configure: (_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Postgres:BinDirectory"] = fakeBin,
                ["Postgres:OsUser"] = Environment.UserName,
            }));

        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Contains("Failed: postgres.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("fake failure", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Exited, app.ResourceNotifications.GetState("postgres"));
        foreach (var dependent in new[] { "docsdb", "identitydb", "identity", "api", "collab", "worker", "web" })
        {
            Assert.Equal(ResourceState.NotStarted, app.ResourceNotifications.GetState(dependent));
            Assert.Empty(app.Logs.Of(dependent));
        }
        // What does not depend on PostgreSQL still starts.
        Assert.Equal(ResourceState.Healthy, app.ResourceNotifications.GetState("redis"));
    }

    [Fact]
    public void Ports_for_resources_come_from_below_the_ephemeral_range_so_no_outgoing_connection_takes_one_before_its_resource_binds_it()
    {
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 100).Select(_ => FreePort.Next()).ToList();

        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralLow - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
        }
    }

    [Fact]
    public async Task A_fixed_port_in_use_stops_the_start_with_the_setting_to_change()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(
            configure: (options, configuration) =>
            {
                options.RandomizePorts = false;
                configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["web:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            });

        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.Contains($"Port {port} for 'web' is in use", failure.Message, StringComparison.Ordinal);
        Assert.Contains("web:Port", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_secrets_are_kept_owner_only_and_reused_by_the_next_run()
    {
        var data = Directory.CreateTempSubdirectory("docs-params").FullName;
        async Task<string> SecretOfARun()
        {
            await using var app = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(
                configure: (options, _) => options.DataDirectory = data);
            return app.Application.GetResource<ParameterResource>("collaboration-secret").Value;
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
        await using var provider = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>();
        await provider.StartAsync();
        var authority = new Uri(provider.GetEndpoint("identity"), "/realms/impress").ToString();
        var external = new Dictionary<string, string?>
        {
            ["ConnectionStrings:docsdb"] = provider.GetConnectionString("docsdb"),
            ["ConnectionStrings:redis"] = provider.GetConnectionString("redis"),
            // Another OpenID Connect provider (here the first stack's): no Docs.Identity, no identity database.
            ["Identity:Authority"] = authority,
            ["Parameters:oidc-client-secret"] = provider.Application.GetResource<ParameterResource>("oidc-client-secret").Value,
        };

        await using var app = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Docs_AppHost>(
            configure: (_, configuration) => configuration.AddInMemoryCollection(external));
        await app.StartAsync();

        Assert.False(app.Application.GetResource<PostgresServerResource>("postgres").IsManaged);
        Assert.False(app.Application.GetResource<RedisResource>("redis").IsManaged);
        Assert.Equal(external["ConnectionStrings:docsdb"], app.GetConnectionString("docsdb"));
        Assert.Empty(app.Logs.Of("postgres"));
        Assert.DoesNotContain(app.Logs.Of("redis"), line => line.Contains("Ready to accept connections", StringComparison.Ordinal));
        using var api = app.CreateHttpClient("api");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
        await using var connection = new NpgsqlConnection(app.GetConnectionString("docsdb"));
        await connection.OpenAsync();

        Assert.DoesNotContain(app.Application.Resources, resource => resource.Name is "identity" or "identitydb");
        using var http = new HttpClient();
        using var grant = await http.PostAsync(new Uri(authority + "/protocol/openid-connect/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "docs-dev", ["username"] = "alice", ["password"] = "alice", ["scope"] = "openid profile email",
        }));
        var token = JsonDocument.Parse(await grant.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1.0/users/me/")).StatusCode);
    }

    [Fact]
    public void Resources_waiting_for_each_other_in_a_cycle_are_refused_when_built()
    {
        var builder = DistributedApplication.CreateBuilder([]);
        var a = builder.AddProject<FakeProject>("a");
        var b = builder.AddProject<FakeProject>("b").WaitFor(a);
        a.WaitFor(b);

        var failure = Assert.Throws<DistributedApplicationException>(() => builder.Build());

        Assert.Contains("cycle", failure.Message, StringComparison.Ordinal);
        Assert.Contains("a -> b -> a", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("docs_db")]
    [InlineData("")]
    [InlineData("9lives")]
    public void Resource_names_are_lower_case_dns_labels(string name)
    {
        var builder = DistributedApplication.CreateBuilder([]);

        Assert.Throws<ArgumentException>(() => builder.AddProject<FakeProject>(name));
    }

    private static async Task WriteScriptAsync(string path, string body)
    {
        await File.WriteAllTextAsync(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private sealed class FakeProject : IProjectMetadata
    {
        public string ProjectPath => "/nonexistent/Fake.csproj";

        public string TargetPath => "/nonexistent/Fake.dll";
    }
}
