using Docs.Hosting.Services;
using k8s;
using k8s.Models;

namespace Docs.Hosting.Publishing;

/// <summary>
/// Plain Kubernetes manifests and a kustomization: per service a Deployment (a StatefulSet with a
/// volume claim for servers that keep data), a Service, a ConfigMap of settings and a Secret of secrets;
/// Ingresses for the public URLs. Secrets go to <c>secrets.yaml</c> only, readable by its owner.
/// </summary>
internal static class KubernetesPublisher
{
    private const string PartOf = "docs";

    public static void Publish(PublishContext context)
    {
        var files = new List<string>();
        var secrets = new List<object>();
        foreach (var service in context.Services)
        {
            var (objects, secret) = Objects(service, context);
            if (secret is not null)
            {
                secrets.Add(secret);
            }
            var file = $"{service.Name}.yaml";
            context.Write(file, Yaml(objects));
            files.Add(file);
        }
        if (secrets.Count > 0)
        {
            context.Write("secrets.yaml", Yaml(secrets), ownerOnly: true);
            files.Add("secrets.yaml");
        }
        var shared = context.Services.SelectMany(service => service.SharedVolumes).Distinct().ToList();
        if (shared.Count > 0)
        {
            context.Write("volumes.yaml", Yaml(shared.Select(SharedClaim)));
            files.Add("volumes.yaml");
        }
        context.Write("ingress.yaml", Yaml(Ingresses(context)));
        files.Add("ingress.yaml");
        context.Write("kustomization.yaml", YamlText.Serialize(new Dictionary<string, object>
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["labels"] = new[] { new Dictionary<string, object> { ["pairs"] = new Dictionary<string, string> { ["app.kubernetes.io/part-of"] = PartOf } } },
            ["resources"] = files,
        }));
    }

    private static string Yaml(IEnumerable<object> objects) =>
        string.Join("---\n", objects.Select(value => KubernetesYaml.Serialize(value).TrimEnd('\n') + "\n"));

    private static (List<object> Objects, V1Secret? Secret) Objects(ServiceSpec service, PublishContext context)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secretSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in service.Environment)
        {
            // Connection strings go to Secrets even when this one holds none: the next store configured may.
            var isSecret = PublishValues.IsSecret(value) || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal);
            (isSecret ? secretSettings : settings)[name] = context.Render(value, text => text, context.ValueOf);
        }
        var objects = new List<object>();
        var envFrom = new List<V1EnvFromSource>();
        if (settings.Count > 0)
        {
            objects.Add(new V1ConfigMap
            {
                ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta($"{service.Name}-config", service),
                Data = new Dictionary<string, string>(settings),
            });
            envFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{service.Name}-config" } });
        }
        V1Secret? secret = null;
        if (secretSettings.Count > 0)
        {
            secret = new V1Secret
            {
                ApiVersion = "v1", Kind = "Secret", Type = "Opaque", Metadata = Meta($"{service.Name}-secrets", service),
                StringData = new Dictionary<string, string>(secretSettings),
            };
            envFrom.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = $"{service.Name}-secrets" } });
        }

        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        foreach (var files in service.Files)
        {
            var name = $"{service.Name}-{files.Name}";
            objects.Add(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta(name, service), Data = new Dictionary<string, string>(files.Contents) });
            volumes.Add(new V1Volume { Name = files.Name, ConfigMap = new V1ConfigMapVolumeSource { Name = name } });
            mounts.Add(new V1VolumeMount { Name = files.Name, MountPath = files.Target, ReadOnlyProperty = true });
        }
        if (service.ReadOnlyRootFilesystem)
        {
            volumes.Add(new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() });
            mounts.Add(new V1VolumeMount { Name = "tmp", MountPath = "/tmp" });
        }
        if (service.DataPath is not null)
        {
            mounts.Add(new V1VolumeMount { Name = "data", MountPath = service.DataPath });
        }
        foreach (var shared in service.SharedVolumes)
        {
            volumes.Add(new V1Volume { Name = shared.Name, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = shared.Name } });
            mounts.Add(new V1VolumeMount { Name = shared.Name, MountPath = shared.MountPath });
        }

        var pod = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Labels(service) },
            Spec = new V1PodSpec
            {
                SecurityContext = new V1PodSecurityContext
                {
                    RunAsNonRoot = true, RunAsUser = service.RunAsUser, RunAsGroup = service.RunAsUser, FsGroup = service.RunAsUser,
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                Containers =
                [
                    new V1Container
                    {
                        Name = service.Name,
                        Image = service.Image,
                        Args = service.Args.Count > 0 ? [.. service.Args] : null,
                        Ports = [new V1ContainerPort { Name = service.Endpoint.Name, ContainerPort = service.Endpoint.TargetPort }],
                        EnvFrom = envFrom.Count > 0 ? envFrom : null,
                        ReadinessProbe = Probe(service.Readiness, initialDelay: 5),
                        LivenessProbe = Probe(service.Liveness, initialDelay: 30),
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(service.Size.CpuRequest), ["memory"] = new(service.Size.MemoryRequest) },
                            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(service.Size.MemoryLimit) },
                        },
                        SecurityContext = new V1SecurityContext
                        {
                            AllowPrivilegeEscalation = false,
                            ReadOnlyRootFilesystem = service.ReadOnlyRootFilesystem,
                            Capabilities = new V1Capabilities { Drop = ["ALL"] },
                        },
                        VolumeMounts = mounts.Count > 0 ? mounts : null,
                    },
                ],
                Volumes = volumes.Count > 0 ? volumes : null,
            },
        };
        var selector = new V1LabelSelector { MatchLabels = Labels(service) };
        objects.Add(service.DataPath is null
            ? new V1Deployment
            {
                ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta(service.Name, service),
                Spec = new V1DeploymentSpec { Replicas = service.Replicas, Selector = selector, Template = pod },
            }
            : new V1StatefulSet
            {
                ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = Meta(service.Name, service),
                Spec = new V1StatefulSetSpec
                {
                    ServiceName = service.Name, Replicas = 1, Selector = selector, Template = pod,
                    VolumeClaimTemplates =
                    [
                        new V1PersistentVolumeClaim
                        {
                            Metadata = new V1ObjectMeta { Name = "data" },
                            Spec = new V1PersistentVolumeClaimSpec
                            {
                                AccessModes = ["ReadWriteOnce"],
                                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("10Gi") } },
                            },
                        },
                    ],
                },
            });
        objects.Add(new V1Service
        {
            ApiVersion = "v1", Kind = "Service", Metadata = Meta(service.Name, service),
            Spec = new V1ServiceSpec
            {
                Selector = Labels(service),
                Ports = [new V1ServicePort { Name = service.Endpoint.Name, Port = service.Endpoint.TargetPort, TargetPort = service.Endpoint.TargetPort }],
            },
        });
        return (objects, secret);
    }

    /// <summary>
    /// A claim mounted by several workloads at once (the API and the worker, each with replicas, on any node): it needs
    /// a storage class that offers ReadWriteMany (NFS, CephFS, a cloud file share) — or an S3 store instead.
    /// </summary>
    private static V1PersistentVolumeClaim SharedClaim(SharedVolumeAnnotation volume) => new()
    {
        ApiVersion = "v1", Kind = "PersistentVolumeClaim",
        Metadata = new V1ObjectMeta { Name = volume.Name },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("20Gi") } },
        },
    };

    private static V1Probe Probe(ProbeSpec probe, int initialDelay) => new()
    {
        HttpGet = probe.Path is null ? null : new V1HTTPGetAction { Path = probe.Path, Port = probe.Port },
        Exec = probe.Path is null ? new V1ExecAction { Command = [.. probe.CommandLine] } : null,
        InitialDelaySeconds = initialDelay,
        PeriodSeconds = 10,
        TimeoutSeconds = 5,
        FailureThreshold = 3,
    };

    /// <summary>
    /// The entry point serves the public URL; paths claimed by other services go straight to them
    /// (long-lived ones, WebSockets, in an Ingress of their own with long timeouts); other external
    /// endpoints (Keycloak) get their own host.
    /// </summary>
    private static IEnumerable<V1Ingress> Ingresses(PublishContext context)
    {
        var className = context.Configuration["Publish:IngressClass"] ?? "nginx";
        var services = context.Services;
        foreach (var site in services.Where(service => service.IsEntryPoint))
        {
            var url = context.PublicUrl(site.Name);
            var claimed = services
                .SelectMany(service => service.PublicPaths.Select(path => (Service: service, Path: path)))
                .ToList();
            yield return Ingress(site.Name, url, className, [(site, "/"), .. claimed.Where(c => !c.Path.LongLived).Select(c => (c.Service, c.Path.Path))], longLived: false);
            var longLived = claimed.Where(c => c.Path.LongLived).ToList();
            if (longLived.Count > 0)
            {
                yield return Ingress($"{site.Name}-long-lived", url, className, [.. longLived.Select(c => (c.Service, c.Path.Path))], longLived: true);
            }
        }
        foreach (var other in services.Where(service => service.Endpoint.IsExternal && !service.IsEntryPoint))
        {
            yield return Ingress(other.Name, context.PublicUrl(other.Name), className, [(other, "/")], longLived: false);
        }
    }

    private static V1Ingress Ingress(string name, Uri url, string className, IReadOnlyList<(ServiceSpec Service, string Path)> routes, bool longLived)
    {
        var annotations = new Dictionary<string, string> { ["nginx.ingress.kubernetes.io/proxy-body-size"] = "20m" };
        if (longLived)
        {
            // WebSockets stay open for hours; ingress-nginx closes idle proxied connections after 60 s otherwise.
            annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"] = "3600";
            annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"] = "3600";
        }
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1", Kind = "Ingress",
            Metadata = new V1ObjectMeta { Name = name, Annotations = annotations },
            Spec = new V1IngressSpec
            {
                IngressClassName = className,
                Tls = url.Scheme == Uri.UriSchemeHttps ? [new V1IngressTLS { Hosts = [url.Host], SecretName = $"{name}-tls" }] : null,
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = url.Host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths = [.. routes.Select(route => new V1HTTPIngressPath
                            {
                                Path = route.Path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/",
                                PathType = "Prefix",
                                Backend = new V1IngressBackend
                                {
                                    Service = new V1IngressServiceBackend { Name = route.Service.Name, Port = new V1ServiceBackendPort { Number = route.Service.Endpoint.TargetPort } },
                                },
                            })],
                        },
                    },
                ],
            },
        };
    }

    private static Dictionary<string, string> Labels(ServiceSpec service) => new() { ["app.kubernetes.io/name"] = service.Name };

    private static V1ObjectMeta Meta(string name, ServiceSpec service) => new() { Name = name, Labels = Labels(service) };
}
