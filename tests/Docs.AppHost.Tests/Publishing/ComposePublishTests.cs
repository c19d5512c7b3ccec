using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Docs.AppHost.Tests.Publishing;

/// <summary><c>compose.yaml</c>: the same services, volumes and environment, secrets from its <c>.env</c>.</summary>
public sealed partial class ComposePublishTests
{
    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Variable();

    internal static async Task<(YamlMappingNode Compose, Dictionary<string, string> Dotenv, string Directory)> PublishAsync(IDictionary<string, string>? settings = null)
    {
        var directory = await Published.RunAsync("compose", settings);
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(Path.Combine(directory, "compose.yaml"))));
        var dotenv = (await File.ReadAllLinesAsync(Path.Combine(directory, ".env")))
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        return ((YamlMappingNode)stream.Documents.Single().RootNode, dotenv, directory);
    }

    internal static YamlMappingNode Service(YamlMappingNode compose, string name) =>
        (YamlMappingNode)((YamlMappingNode)compose["services"])[name];

    internal static Dictionary<string, string> EnvironmentOf(YamlMappingNode compose, string name) =>
        ((YamlMappingNode)Service(compose, name)["environment"]).Children.ToDictionary(pair => pair.Key.ToString(), pair => pair.Value.ToString());

    [Fact]
    public async Task Every_service_has_its_environment_complete_with_every_variable_defined_in_dotenv()
    {
        var (compose, dotenv, directory) = await PublishAsync();
        var services = (YamlMappingNode)compose["services"];
        Assert.Equal(["api", "collab", "keycloak", "postgres", "redis", "web", "worker"], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var (service, required) in Published.RequiredSettings)
        {
            var environment = EnvironmentOf(compose, service);
            Assert.All(required, key => Assert.False(string.IsNullOrWhiteSpace(environment.GetValueOrDefault(key)), $"{service} lacks {key}"));
            foreach (var value in environment.Values)
            {
                Assert.All(Variable().Matches(value), match => Assert.True(dotenv.ContainsKey(match.Groups[1].Value), $"{service}: ${{{match.Groups[1].Value}}} is not in .env"));
            }
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, ".env")));
        // Secrets are references, never values, in compose.yaml.
        var text = await File.ReadAllTextAsync(Path.Combine(directory, "compose.yaml"));
        Assert.All(dotenv.Values, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD};Database=docs", EnvironmentOf(compose, "api")["ConnectionStrings__docsdb"]);
    }

    [Fact]
    public async Task Attachments_live_on_one_volume_that_the_api_and_the_worker_mount_owned_by_the_images_user()
    {
        var (compose, _, directory) = await PublishAsync();
        Assert.Contains("blobs", ((YamlMappingNode)compose["volumes"]).Children.Keys.Select(k => k.ToString()));
        foreach (var service in new[] { "api", "worker" })
        {
            Assert.Contains("blobs:/data/blobs", ((YamlSequenceNode)Service(compose, service)["volumes"]).Children.Select(v => v.ToString()));
            Assert.Equal("file:///data/blobs", EnvironmentOf(compose, service)["ConnectionStrings__blobs"]);
            // A new volume takes the owner of the folder it is mounted on: the image makes it the non-root user's.
            var dockerfile = await File.ReadAllTextAsync(Path.Combine(directory, "images", $"{service}.Dockerfile"));
            Assert.Contains("COPY --from=build --chown=1654:1654 /shared/data/blobs /data/blobs", dockerfile, StringComparison.Ordinal);
        }
        Assert.False(Service(compose, "collab").Children.ContainsKey("volumes"));
    }

    [Fact]
    public async Task Dependencies_volumes_and_files_are_declared_and_images_are_built_from_the_generated_dockerfiles()
    {
        var (compose, _, directory) = await PublishAsync();
        var services = (YamlMappingNode)compose["services"];
        var volumes = ((YamlMappingNode)compose["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        foreach (var (key, node) in services.Children)
        {
            var service = (YamlMappingNode)node;
            Assert.True(service.Children.ContainsKey("image"), $"{key} has no image");
            if (service.Children.TryGetValue("depends_on", out var dependsOn))
            {
                Assert.All(((YamlMappingNode)dependsOn).Children.Keys, dependency => Assert.True(services.Children.ContainsKey(dependency), $"{key} depends on unknown {dependency}"));
            }
            foreach (var volume in (service.Children.TryGetValue("volumes", out var list) ? ((YamlSequenceNode)list).Children : []).Select(v => v.ToString()))
            {
                var source = volume.Split(':')[0];
                Assert.True(volumes.Contains(source) || Directory.Exists(Path.GetFullPath(source, directory)), $"{key}: {source} is neither a declared volume nor a directory");
            }
            if (service.Children.TryGetValue("build", out var build))
            {
                var context = Path.GetFullPath(((YamlMappingNode)build)["context"].ToString(), directory);
                var dockerfile = Path.GetFullPath(((YamlMappingNode)build)["dockerfile"].ToString(), context);
                var text = await File.ReadAllTextAsync(dockerfile);
                Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", text, StringComparison.Ordinal);
                Assert.Contains("USER $APP_UID", text, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(context, "Docs.sln")));
                Assert.Equal("true", service["read_only"].ToString());
            }
        }
        Assert.Equal("2", ((YamlMappingNode)Service(compose, "collab")["deploy"])["replicas"].ToString());
        Assert.Equal("service_healthy", ((YamlMappingNode)((YamlMappingNode)Service(compose, "api")["depends_on"])["postgres"])["condition"].ToString());
        Assert.Equal("8080:8080", ((YamlSequenceNode)Service(compose, "web")["ports"]).Children.Single().ToString());
        // Compose would read "$REDIS_PASSWORD" as its own variable: the shell's dollar is escaped.
        Assert.Contains("\"$$REDIS_PASSWORD\"", ((YamlSequenceNode)Service(compose, "redis")["command"]).Children.Last().ToString(), StringComparison.Ordinal);
        var init = ((YamlMappingNode)((YamlMappingNode)compose["configs"])["postgres-01-databases"])["content"].ToString();
        Assert.Contains("CREATE DATABASE \"keycloak\";", init, StringComparison.Ordinal);
    }
}
