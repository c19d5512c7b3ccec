using Aspire.Hosting.ApplicationModel;
using System.Globalization;

namespace Docs.Hosting.Publishing;

/// <summary>
/// <c>compose.yaml</c> for a single server: the same services, volumes and environment as Kubernetes.
/// Secrets are <c>${NAME}</c> references filled from the <c>.env</c> beside it (owner-only), which
/// Compose reads by itself; every literal <c>$</c> is escaped so Compose leaves it alone.
/// </summary>
internal static class ComposePublisher
{
    public static void Publish(PublishContext context)
    {
        var services = new Dictionary<string, object>();
        var configs = new Dictionary<string, object>();
        var volumes = new Dictionary<string, object>();
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string Parameter(ParameterResource parameter)
        {
            var name = VariableName(parameter);
            secrets[name] = context.ValueOf(parameter);
            return $"${{{name}}}";
        }

        foreach (var service in context.Services)
        {
            var definition = new Dictionary<string, object>
            {
                ["image"] = service.Image,
                ["restart"] = "unless-stopped",
                ["environment"] = new SortedDictionary<string, string>(
                    service.Environment.ToDictionary(pair => pair.Key, pair => context.Render(pair.Value, Escape, Parameter)), StringComparer.Ordinal),
            };
            if (service.Project is not null)
            {
                definition["build"] = new Dictionary<string, string>
                {
                    ["context"] = Path.GetRelativePath(context.Output, context.RepositoryRoot),
                    ["dockerfile"] = Path.GetRelativePath(context.RepositoryRoot, Path.Combine(context.Output, Dockerfiles.PathOf(service))),
                };
                definition["read_only"] = true;
                definition["tmpfs"] = new[] { "/tmp" };
            }
            if (service.Args.Count > 0)
            {
                definition["command"] = service.Args.Select(Escape).ToList();
            }
            if (service.Replicas > 1)
            {
                definition["deploy"] = new Dictionary<string, object> { ["replicas"] = service.Replicas };
            }
            if (service.Endpoint is { IsExternal: true, HostPort: { } hostPort })
            {
                definition["ports"] = new[] { $"{hostPort.ToString(CultureInfo.InvariantCulture)}:{service.Endpoint.TargetPort.ToString(CultureInfo.InvariantCulture)}" };
            }
            if (service.Readiness.CommandLine.Count > 0)
            {
                definition["healthcheck"] = new Dictionary<string, object>
                {
                    ["test"] = service.Readiness.CommandLine.Select(Escape).Prepend("CMD").ToList(),
                    ["interval"] = "10s",
                    ["timeout"] = "5s",
                    ["retries"] = 5,
                };
            }
            var dependsOn = service.DependsOn
                .Select(dependency => context.Services.FirstOrDefault(other => other.Name == dependency))
                .OfType<ServiceSpec>()
                .ToDictionary(dependency => dependency.Name, dependency => (object)new Dictionary<string, string>
                {
                    // Servers say when they are ready; .NET images have no shell to probe with, so those only start in order.
                    ["condition"] = dependency.Readiness.CommandLine.Count > 0 ? "service_healthy" : "service_started",
                });
            if (dependsOn.Count > 0)
            {
                definition["depends_on"] = dependsOn;
            }
            var mounts = new List<string>();
            if (service.DataPath is not null)
            {
                volumes[$"{service.Name}-data"] = new Dictionary<string, object>();
                mounts.Add($"{service.Name}-data:{service.DataPath}");
            }
            foreach (var shared in service.SharedVolumes)
            {
                volumes[shared.Name] = new Dictionary<string, object>();
                mounts.Add($"{shared.Name}:{shared.MountPath}");
            }
            foreach (var files in service.Files.Where(files => files.Source is not null))
            {
                mounts.Add($"{Path.GetRelativePath(context.Output, files.Source!)}:{files.Target}:ro");
            }
            if (mounts.Count > 0)
            {
                definition["volumes"] = mounts;
            }
            var generated = service.Files.Where(files => files.Source is null)
                .SelectMany(files => files.Contents.Select(file => (Name: $"{service.Name}-{Path.GetFileNameWithoutExtension(file.Key)}", Target: $"{files.Target}/{file.Key}", file.Value)))
                .ToList();
            foreach (var file in generated)
            {
                configs[file.Name] = new Dictionary<string, string> { ["content"] = Escape(file.Value) };
            }
            if (generated.Count > 0)
            {
                definition["configs"] = generated.Select(file => new Dictionary<string, string> { ["source"] = file.Name, ["target"] = file.Target }).ToList();
            }
            services[service.Name] = definition;
        }

        var compose = new Dictionary<string, object> { ["name"] = "docs", ["services"] = services };
        if (volumes.Count > 0)
        {
            compose["volumes"] = volumes;
        }
        if (configs.Count > 0)
        {
            compose["configs"] = configs;
        }
        context.Write("compose.yaml", "# Generated by `dotnet run --project Docs.AppHost -- publish --target compose`; secrets are in .env.\n" + YamlText.Serialize(compose));
        context.Write(".env", string.Concat(secrets.Select(pair => $"{pair.Key}={pair.Value}\n")), ownerOnly: true);
    }

    /// <summary>The Compose variable of a parameter: <c>postgres-password</c> → <c>POSTGRES_PASSWORD</c>.</summary>
    public static string VariableName(ParameterResource parameter) =>
        parameter.Name.ToUpperInvariant().Replace('-', '_');

    private static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);
}
