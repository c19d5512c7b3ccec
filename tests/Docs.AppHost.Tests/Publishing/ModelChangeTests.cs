using k8s;
using k8s.Models;

namespace Docs.AppHost.Tests.Publishing;

/// <summary>The AppHost model is the single source: a change to it reaches all three outputs.</summary>
public sealed class ModelChangeTests
{
    [Fact]
    public async Task A_setting_and_a_replica_count_added_to_the_model_show_up_in_the_manifest_kubernetes_and_compose()
    {
        var change = new Dictionary<string, string>
        {
            ["Services__api__Features__Search"] = "on", // a setting of one service
            ["collab__Instances"] = "3",
            ["Publish__Registry"] = "registry.example.org/docs",
            ["Publish__Tag"] = "1.2.3",
        };

        var (manifest, _) = await ManifestPublishTests.PublishAsync(change);
        Assert.Equal("on", manifest["api"]!["env"]!["Features__Search"]!.GetValue<string>());

        var kubernetes = await Published.RunAsync("kubernetes", change);
        var objects = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(kubernetes, "api.yaml")))
            .Concat(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(kubernetes, "collab.yaml")))).ToList();
        Assert.Equal("on", objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "api-config").Data["Features__Search"]);
        var collab = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "collab");
        Assert.Equal(3, collab.Spec.Replicas);
        Assert.Equal("registry.example.org/docs/docs-collab:1.2.3", collab.Spec.Template.Spec.Containers.Single().Image);

        var (compose, _, _) = await ComposePublishTests.PublishAsync(change);
        Assert.Equal("on", ComposePublishTests.EnvironmentOf(compose, "api")["Features__Search"]);
        Assert.Equal("3", ((YamlDotNet.RepresentationModel.YamlMappingNode)ComposePublishTests.Service(compose, "collab")["deploy"])["replicas"].ToString());
        Assert.Equal("registry.example.org/docs/docs-api:1.2.3", ComposePublishTests.Service(compose, "api")["image"].ToString());
    }

    [Fact]
    public async Task The_three_outputs_give_each_service_the_same_settings()
    {
        var (manifest, _) = await ManifestPublishTests.PublishAsync();
        var (compose, _, _) = await ComposePublishTests.PublishAsync();
        var kubernetes = await Published.RunAsync("kubernetes");
        foreach (var service in new[] { "api", "collab", "worker", "web", "keycloak" })
        {
            var objects = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(kubernetes, $"{service}.yaml")))
                .Concat(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(kubernetes, "secrets.yaml")))).ToList();
            var kubernetesKeys = objects.OfType<V1ConfigMap>().Where(c => c.Metadata.Name == $"{service}-config").SelectMany(c => c.Data.Keys)
                .Concat(objects.OfType<V1Secret>().Where(s => s.Metadata.Name == $"{service}-secrets").SelectMany(s => s.StringData.Keys));
            // Each target adds its own plumbing (ports, forwarded headers); the model's settings are the same everywhere.
            string[] plumbing = ["ASPNETCORE_HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "OTEL_SERVICE_NAME", "HTTP_PORTS", "OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"];
            var fromManifest = manifest[service]!["env"]!.AsObject().Select(pair => pair.Key).Except(plumbing).Order().ToList();
            Assert.Equal(fromManifest, kubernetesKeys.Except(plumbing).Order().ToList());
            Assert.Equal(fromManifest, ComposePublishTests.EnvironmentOf(compose, service).Keys.Except(plumbing).Order().ToList());
        }
    }
}
