using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;

namespace Docs.AppHost.Tests.Publishing;

/// <summary><c>publish --target kubernetes</c>: typed objects that hang together and keep secrets secret.</summary>
public sealed class KubernetesPublishTests
{
    private sealed record Cluster(string Directory, List<object> Objects)
    {
        public IEnumerable<T> All<T>() => Objects.OfType<T>();

        public V1PodSpec PodOf(string name) =>
            All<V1Deployment>().SingleOrDefault(d => d.Metadata.Name == name)?.Spec.Template.Spec
            ?? All<V1StatefulSet>().Single(s => s.Metadata.Name == name).Spec.Template.Spec;

        /// <summary>Every variable a workload's container gets: its envFrom ConfigMaps and Secrets, and env.</summary>
        public Dictionary<string, (string Value, bool Secret)> EnvironmentOf(string name)
        {
            var container = PodOf(name).Containers.Single();
            var environment = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
            foreach (var source in container.EnvFrom ?? [])
            {
                if (source.ConfigMapRef is { } configMap)
                {
                    foreach (var (key, value) in All<V1ConfigMap>().Single(c => c.Metadata.Name == configMap.Name).Data)
                    {
                        environment[key] = (value, false);
                    }
                }
                if (source.SecretRef is { } secret)
                {
                    foreach (var (key, value) in All<V1Secret>().Single(s => s.Metadata.Name == secret.Name).StringData)
                    {
                        environment[key] = (value, true);
                    }
                }
            }
            foreach (var variable in container.Env ?? [])
            {
                environment[variable.Name] = (variable.Value, variable.ValueFrom?.SecretKeyRef is not null);
            }
            return environment;
        }
    }

    private static async Task<Cluster> PublishAsync(IDictionary<string, string>? settings = null)
    {
        var directory = await Published.RunAsync("kubernetes", settings);
        var objects = new List<object>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Where(file => Path.GetFileName(file) != "kustomization.yaml"))
        {
            objects.AddRange(KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)));
        }
        return new Cluster(directory, objects);
    }

    [Fact]
    public async Task Every_file_loads_into_typed_objects_and_the_kustomization_lists_them_all()
    {
        var cluster = await PublishAsync();
        Assert.DoesNotContain(cluster.Objects, o => o is null);
        var kustomization = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, object>>(
            await File.ReadAllTextAsync(Path.Combine(cluster.Directory, "kustomization.yaml")));
        var listed = ((List<object>)kustomization["resources"]).Cast<string>().Order().ToList();
        var files = Directory.GetFiles(cluster.Directory, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml").Order().ToList();
        Assert.Equal(files, listed);

        Assert.Equal(["api", "collab", "keycloak", "web", "worker"], cluster.All<V1Deployment>().Select(d => d.Metadata.Name).Order());
        Assert.Equal(["postgres", "redis"], cluster.All<V1StatefulSet>().Select(s => s.Metadata.Name).Order());
        Assert.All(cluster.All<V1StatefulSet>(), set => Assert.Equal("data", Assert.Single(set.Spec.VolumeClaimTemplates).Metadata.Name));
        // Collab runs twice, sharing Redis.
        Assert.Equal(2, cluster.All<V1Deployment>().Single(d => d.Metadata.Name == "collab").Spec.Replicas);
        // Keycloak stands in for the development provider, which is not deployed.
        Assert.DoesNotContain(cluster.Objects.OfType<IKubernetesObject<V1ObjectMeta>>(), o => o.Metadata.Name.StartsWith("identity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_setting_a_service_requires_is_set_and_every_reference_resolves()
    {
        var cluster = await PublishAsync();
        foreach (var (service, required) in Published.RequiredSettings)
        {
            var environment = cluster.EnvironmentOf(service);
            Assert.All(required, key => Assert.False(string.IsNullOrWhiteSpace(environment.GetValueOrDefault(key).Value), $"{service} lacks {key}"));
        }

        foreach (var pod in cluster.All<V1Deployment>().Select(d => d.Spec.Template.Spec).Concat(cluster.All<V1StatefulSet>().Select(s => s.Spec.Template.Spec)))
        {
            var container = pod.Containers.Single();
            foreach (var source in container.EnvFrom ?? [])
            {
                Assert.True(source.SecretRef is null || cluster.All<V1Secret>().Any(s => s.Metadata.Name == source.SecretRef.Name), $"Secret {source.SecretRef?.Name} is missing");
                Assert.True(source.ConfigMapRef is null || cluster.All<V1ConfigMap>().Any(c => c.Metadata.Name == source.ConfigMapRef.Name), $"ConfigMap {source.ConfigMapRef?.Name} is missing");
            }
            foreach (var volume in pod.Volumes?.Where(v => v.ConfigMap is not null) ?? [])
            {
                Assert.Contains(cluster.All<V1ConfigMap>(), c => c.Metadata.Name == volume.ConfigMap.Name);
            }
            Assert.All(container.VolumeMounts ?? [], mount => Assert.True(
                pod.Volumes?.Any(v => v.Name == mount.Name) == true || mount.Name == "data", $"{container.Name} mounts an undeclared volume {mount.Name}"));
        }

        // Internal addresses are Services of the cluster; public ones are the configured URLs.
        var web = cluster.EnvironmentOf("web");
        Assert.Equal("http://api:8080", web["services__api__http__0"].Value);
        Assert.Equal("https://keycloak.docs.example.com/realms/impress", web["Identity__Authority"].Value);
        Assert.Equal("https://docs.example.com", cluster.EnvironmentOf("collab")["Collaboration__AllowedOrigins__0"].Value);
        Assert.Equal("https://docs.example.com", cluster.EnvironmentOf("keycloak")["DOCS_BASE_URL"].Value);
        Assert.StartsWith("Host=postgres;Port=5432;", cluster.EnvironmentOf("api")["ConnectionStrings__docsdb"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_live_on_one_claim_that_the_api_and_the_worker_mount_or_on_the_configured_s3_store()
    {
        var cluster = await PublishAsync();
        var claim = Assert.Single(cluster.All<V1PersistentVolumeClaim>());
        Assert.Equal("blobs", claim.Metadata.Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes); // both workloads, with replicas, on any node
        foreach (var service in new[] { "api", "worker" })
        {
            var pod = cluster.PodOf(service);
            var volume = Assert.Single(pod.Volumes, v => v.PersistentVolumeClaim is not null);
            Assert.Equal("blobs", volume.PersistentVolumeClaim.ClaimName);
            Assert.Contains(pod.Containers.Single().VolumeMounts, m => m.Name == volume.Name && m.MountPath == "/data/blobs" && m.ReadOnlyProperty != true);
            Assert.Equal(("file:///data/blobs", true), cluster.EnvironmentOf(service)["ConnectionStrings__blobs"]);
        }
        Assert.All(new[] { "collab", "web" }, service => Assert.DoesNotContain(cluster.PodOf(service).Volumes ?? [], v => v.PersistentVolumeClaim is not null));

        const string S3 = "Endpoint=https://s3.example.org;Bucket=docs;AccessKey=key;SecretKey=s3-secret-value;Region=eu";
        var onS3 = await PublishAsync(new Dictionary<string, string> { ["ConnectionStrings__blobs"] = S3 });
        Assert.Empty(onS3.All<V1PersistentVolumeClaim>());
        Assert.Equal((S3, true), onS3.EnvironmentOf("api")["ConnectionStrings__blobs"]);
        Assert.Equal((S3, true), onS3.EnvironmentOf("worker")["ConnectionStrings__blobs"]);
    }

    [Fact]
    public async Task Secrets_are_in_secrets_only_and_the_file_is_readable_by_its_owner_alone()
    {
        var cluster = await PublishAsync(new Dictionary<string, string>
        {
            // Settings passed through from the AppHost's configuration whose names say they are secrets.
            ["Mail__SmtpHost"] = "smtp.example.org",
            ["Mail__SmtpPassword"] = "smtp-password-value",
            ["Services__api__Search__ApiKey"] = "search-api-key-value",
        });
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(cluster.Directory, "parameters.json")))!;
        Assert.Contains("postgres-password", parameters.Keys);
        Assert.Contains("oidc-client-secret", parameters.Keys);
        var configText = cluster.All<V1ConfigMap>().SelectMany(c => c.Data.Values).ToList();
        foreach (var secret in parameters.Values)
        {
            Assert.DoesNotContain(configText, value => value.Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(cluster.All<V1ConfigMap>().SelectMany(c => c.Data.Keys), key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.Equal(("smtp-password-value", true), cluster.EnvironmentOf("worker")["Mail__SmtpPassword"]);
        Assert.Equal(("smtp.example.org", false), cluster.EnvironmentOf("worker")["Mail__SmtpHost"]);
        Assert.Equal(("search-api-key-value", true), cluster.EnvironmentOf("api")["Search__ApiKey"]);
        Assert.DoesNotContain(configText, value => value.Contains("smtp-password-value", StringComparison.Ordinal) || value.Contains("search-api-key-value", StringComparison.Ordinal));
        // The secrets of the model reach the services that need them, through Secrets.
        var (clientSecret, isSecret) = cluster.EnvironmentOf("web")["Identity__ClientSecret"];
        Assert.True(isSecret);
        Assert.Equal(parameters["oidc-client-secret"], clientSecret);
        Assert.Equal(parameters["oidc-client-secret"], cluster.EnvironmentOf("keycloak")["DOCS_OIDC_CLIENT_SECRET"].Value);

        foreach (var file in new[] { "secrets.yaml", "parameters.json" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.Directory, file)));
        }
        Assert.All(Directory.GetFiles(cluster.Directory, "*.yaml").Where(f => !f.EndsWith("secrets.yaml", StringComparison.Ordinal)),
            file => Assert.DoesNotContain("kind: Secret", File.ReadAllText(file), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Services_select_workloads_probes_use_the_mapped_health_paths_and_pods_run_as_non_root()
    {
        var cluster = await PublishAsync();
        var workloads = cluster.All<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template)).Concat(cluster.All<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template))).ToList();
        foreach (var service in cluster.All<V1Service>())
        {
            var selected = workloads.Where(w => service.Spec.Selector.All(label => w.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value)).ToList();
            var workload = Assert.Single(selected);
            var ports = workload.Template.Spec.Containers.Single().Ports.Select(p => p.ContainerPort);
            Assert.All(service.Spec.Ports, port => Assert.Contains(int.Parse(port.TargetPort.Value, System.Globalization.CultureInfo.InvariantCulture), ports));
        }
        Assert.Equal(workloads.Count, cluster.All<V1Service>().Count());

        foreach (var (name, template) in workloads)
        {
            var pod = template.Spec;
            var container = pod.Containers.Single();
            Assert.True(pod.SecurityContext.RunAsNonRoot, name);
            Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation, name);
            Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
            Assert.NotNull(container.Resources.Requests["cpu"]);
            Assert.NotNull(container.Resources.Limits["memory"]);
            Assert.NotNull(container.ReadinessProbe);
            Assert.NotNull(container.LivenessProbe);
        }
        foreach (var name in new[] { "api", "collab", "worker", "web" })
        {
            var container = cluster.PodOf(name).Containers.Single();
            Assert.Equal(ServiceDefaultsExtensions.HealthEndpointPath, container.ReadinessProbe.HttpGet.Path);
            Assert.Equal(ServiceDefaultsExtensions.AlivenessEndpointPath, container.LivenessProbe.HttpGet.Path);
            Assert.Equal("8080", container.ReadinessProbe.HttpGet.Port.Value);
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        }
    }

    [Fact]
    public async Task The_ingress_sends_websockets_to_collab_with_long_timeouts_everything_else_to_web_and_keycloak_has_its_host()
    {
        var cluster = await PublishAsync(new Dictionary<string, string> { ["Publish__BaseUrl"] = "https://notes.example.org", ["Publish__Urls__keycloak"] = "https://login.example.org" });
        var services = cluster.All<V1Service>().ToDictionary(s => s.Metadata.Name);
        var routes = cluster.All<V1Ingress>()
            .SelectMany(ingress => ingress.Spec.Rules.SelectMany(rule => rule.Http.Paths.Select(path => (Ingress: ingress, rule.Host, path.Path, path.Backend.Service))))
            .ToList();
        Assert.All(routes, route => Assert.Contains(route.Service.Port.Number!.Value, services[route.Service.Name].Spec.Ports.Select(p => p.Port)));

        foreach (var path in new[] { "/collaboration/ws", "/collaboration/yws" })
        {
            var websocket = Assert.Single(routes, r => r.Path == path);
            Assert.Equal(("notes.example.org", "collab"), (websocket.Host, websocket.Service.Name));
            Assert.Equal("3600", websocket.Ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]);
        }
        var site = Assert.Single(routes, r => r.Host == "notes.example.org" && r.Path == "/");
        Assert.Equal("web", site.Service.Name);
        Assert.Equal("keycloak", Assert.Single(routes, r => r.Host == "login.example.org").Service.Name);
        Assert.All(cluster.All<V1Ingress>(), ingress => Assert.Equal(ingress.Spec.Rules.Single().Host, ingress.Spec.Tls.Single().Hosts.Single()));

        // Public URLs flow into the settings that name them.
        Assert.Equal("https://login.example.org/realms/impress", cluster.EnvironmentOf("api")["Identity__Authority"].Value);
        Assert.Equal("https://login.example.org", cluster.EnvironmentOf("keycloak")["KC_HOSTNAME"].Value);
        Assert.Equal("https://notes.example.org", cluster.EnvironmentOf("worker")["Mail__SiteUrl"].Value);
    }

    [Fact]
    public async Task Keycloak_imports_the_realm_of_deploy_keycloak_and_postgres_creates_its_databases()
    {
        var cluster = await PublishAsync();
        var keycloak = cluster.PodOf("keycloak");
        var mount = Assert.Single(keycloak.Containers.Single().VolumeMounts, m => m.MountPath == "/opt/keycloak/data/import");
        var configMap = cluster.All<V1ConfigMap>().Single(c => c.Metadata.Name == keycloak.Volumes.Single(v => v.Name == mount.Name).ConfigMap.Name);
        var realmFile = Path.Combine(Docs.Testing.RepositoryPaths.Root, "deploy", "keycloak", "realm-impress.json");
        Assert.Equal(await File.ReadAllTextAsync(realmFile), configMap.Data["realm-impress.json"]);
        Assert.Contains("--import-realm", keycloak.Containers.Single().Args);
        Assert.Equal("jdbc:postgresql://postgres:5432/keycloak", cluster.EnvironmentOf("keycloak")["KC_DB_URL"].Value);

        var init = cluster.All<V1ConfigMap>().Single(c => c.Metadata.Name == "postgres-init").Data.Values.Single();
        Assert.Contains("CREATE DATABASE \"docs\"", init, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE \"keycloak\"", init, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_secrets_are_kept_across_publishes_and_configured_ones_win()
    {
        var directory = await Published.RunAsync("kubernetes");
        var first = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(Path.Combine(directory, "parameters.json")))!;
        await Published.RunAsync("kubernetes", new Dictionary<string, string> { ["Parameters__collaboration-secret"] = "configured-secret-value" }, directory);
        var secrets = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(Path.Combine(directory, "secrets.yaml"))).OfType<V1Secret>().ToList();
        Assert.Equal(first["postgres-password"], secrets.Single(s => s.Metadata.Name == "postgres-secrets").StringData["POSTGRES_PASSWORD"]);
        Assert.Equal("configured-secret-value", secrets.Single(s => s.Metadata.Name == "api-secrets").StringData["Collaboration__ServerSecret"]);
    }

    [Fact]
    public async Task External_connection_strings_replace_the_servers_they_name()
    {
        const string external = "Host=db.internal;Database=docs;Username=docs;Password=from-configuration";
        var cluster = await PublishAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__docsdb"] = external,
            ["ConnectionStrings__redis"] = "cache.internal:6379,password=from-configuration",
        });
        Assert.DoesNotContain(cluster.All<V1StatefulSet>(), s => s.Metadata.Name == "redis");
        var (value, secret) = cluster.EnvironmentOf("api")["ConnectionStrings__docsdb"];
        Assert.Equal((external, true), (value, secret));
        // Keycloak's database is still managed, but the server no longer creates the external one.
        Assert.DoesNotContain("\"docs\"", cluster.All<V1ConfigMap>().Single(c => c.Metadata.Name == "postgres-init").Data.Values.Single(), StringComparison.Ordinal);
    }
}
