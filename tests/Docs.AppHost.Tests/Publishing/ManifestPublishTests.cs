using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Docs.AppHost.Tests.Publishing;

/// <summary><c>aspire-manifest.json</c> follows Aspire's format, so tools that deploy an Aspire AppHost can deploy ours.</summary>
public sealed partial class ManifestPublishTests
{
    private static readonly Dictionary<string, string[]> RequiredFields = new()
    {
        ["project.v0"] = ["path", "bindings"],
        ["container.v0"] = ["image"],
        ["value.v0"] = ["connectionString"],
        ["parameter.v0"] = ["value", "inputs"],
        ["annotated.string"] = ["value", "filter"],
    };

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();

    internal static async Task<(JsonObject Resources, string Directory)> PublishAsync(IDictionary<string, string>? settings = null)
    {
        var directory = await Published.RunAsync("manifest", settings);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "aspire-manifest.json")))!.AsObject();
        return (manifest["resources"]!.AsObject(), directory);
    }

    [Fact]
    public async Task Resources_have_aspire_types_and_their_required_fields()
    {
        var (resources, directory) = await PublishAsync();
        foreach (var (name, node) in resources)
        {
            var resource = node!.AsObject();
            var type = resource["type"]!.GetValue<string>();
            Assert.True(RequiredFields.TryGetValue(type, out var required), $"{name} has the unknown type {type}");
            Assert.All(required, field => Assert.True(resource.ContainsKey(field), $"{name} ({type}) lacks {field}"));
            if (type == "project.v0")
            {
                Assert.True(File.Exists(Path.GetFullPath(resource["path"]!.GetValue<string>(), directory)), $"{name}: no project at {resource["path"]}");
            }
            foreach (var mount in resource["bindMounts"]?.AsArray() ?? [])
            {
                Assert.True(Directory.Exists(Path.GetFullPath(mount!["source"]!.GetValue<string>(), directory)), $"{name}: no directory {mount["source"]}");
            }
            foreach (var (bindingName, binding) in resource["bindings"]?.AsObject() ?? [])
            {
                Assert.All(new[] { "scheme", "protocol", "transport" }, field => Assert.True(binding!.AsObject().ContainsKey(field), $"{name}.bindings.{bindingName} lacks {field}"));
            }
        }
        Assert.Equal("project.v0", resources["api"]!["type"]!.GetValue<string>());
        Assert.Equal(["container.v0", "container.v0", "container.v0"], new[] { "postgres", "redis", "keycloak" }.Select(n => resources[n]!["type"]!.GetValue<string>()));
        Assert.Equal("value.v0", resources["docsdb"]!["type"]!.GetValue<string>());
        var password = resources["postgres-password"]!.AsObject();
        Assert.True(password["inputs"]!["value"]!["secret"]!.GetValue<bool>());
        Assert.NotNull(password["inputs"]!["value"]!["default"]!["generate"]);
        Assert.True(resources["web"]!["bindings"]!["http"]!["external"]!.GetValue<bool>());
        Assert.Equal(["start", "--import-realm"], resources["keycloak"]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_placeholder_names_a_declared_resource_and_something_it_has()
    {
        var (resources, _) = await PublishAsync();
        var checkedPlaceholders = 0;
        foreach (var (name, node) in resources)
        {
            foreach (var text in Strings(node!))
            {
                foreach (Match match in Placeholder().Matches(text))
                {
                    var path = match.Groups[1].Value.Split('.');
                    Assert.True(resources.TryGetPropertyValue(path[0], out var target), $"{name} refers to undeclared '{path[0]}' in {text}");
                    var ok = path[1..] switch
                    {
                        ["connectionString"] => target!["connectionString"] is not null,
                        ["value"] or ["inputs", "value"] => target!["type"]!.GetValue<string>() is "parameter.v0" or "annotated.string",
                        ["bindings", var binding, "url" or "host" or "port" or "targetPort" or "scheme" or "tlsenabled"] => target!["bindings"]?[binding] is not null,
                        _ => false,
                    };
                    Assert.True(ok, $"{name}: '{match.Value}' does not resolve");
                    checkedPlaceholders++;
                }
            }
        }
        Assert.True(checkedPlaceholders > 30);
        Assert.Equal("{docsdb.connectionString}", resources["api"]!["env"]!["ConnectionStrings__docsdb"]!.GetValue<string>());
        Assert.Equal("{keycloak.bindings.http.url}/realms/impress", resources["web"]!["env"]!["Identity__Authority"]!.GetValue<string>());
        Assert.Equal("{postgres.connectionString};Database=docs", resources["docsdb"]!["connectionString"]!.GetValue<string>());
    }

    [Fact]
    public async Task No_secret_value_is_written_and_every_required_setting_is_there()
    {
        var (resources, directory) = await PublishAsync(new Dictionary<string, string>
        {
            ["Parameters__collaboration-secret"] = "configured-secret-value",
            ["Mail__SmtpHost"] = "smtp.example.org",
            ["Mail__SmtpPassword"] = "smtp-password-value",
        });
        var text = await File.ReadAllTextAsync(Path.Combine(directory, "aspire-manifest.json"));
        Assert.DoesNotContain("configured-secret-value", text, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-password-value", text, StringComparison.Ordinal);
        // The deployer supplies it, as any secret parameter.
        Assert.Equal("{worker-mail-smtppassword.value}", resources["worker"]!["env"]!["Mail__SmtpPassword"]!.GetValue<string>());
        Assert.True(resources["worker-mail-smtppassword"]!["inputs"]!["value"]!["secret"]!.GetValue<bool>());
        Assert.False(File.Exists(Path.Combine(directory, "parameters.json")));
        foreach (var (service, required) in Published.RequiredSettings)
        {
            var environment = resources[service]!["env"]!.AsObject();
            Assert.All(required, key => Assert.True(environment.ContainsKey(key), $"{service} lacks {key}"));
        }
    }

    [Fact]
    public async Task Aspire_spelling_of_the_arguments_writes_the_manifest_where_asked()
    {
        var file = Path.Combine(Published.NewOutput(), "nested", "aspire-manifest.json");
        var (exitCode, output) = await Published.RunAppHostAsync(["--publisher", "manifest", "--output-path", file]);
        Assert.True(exitCode == 0, output);
        Assert.Equal("project.v0", JsonNode.Parse(await File.ReadAllTextAsync(file))!["resources"]!["collab"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_target_is_refused_with_the_list_of_targets()
    {
        var (exitCode, output) = await Published.RunAppHostAsync(["publish", "--target", "helm", "--output", Published.NewOutput()]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("kubernetes|compose", output, StringComparison.Ordinal);
        Assert.Contains("--publisher manifest", output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => pair.Value is null ? [] : Strings(pair.Value)),
        JsonArray array => array.SelectMany(item => item is null ? [] : Strings(item)),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
