using System.Text.Json;
using System.Text.Json.Nodes;

namespace Docs.Hosting.Publishing;

/// <summary>
/// <c>aspire-manifest.json</c> in Aspire's format, for tools that deploy an Aspire AppHost (azd):
/// <c>project.v0</c>, <c>container.v0</c>, <c>value.v0</c> and <c>parameter.v0</c> resources whose values
/// refer to each other through <c>{resource.bindings.http.url}</c>-style placeholders. No secret value is written.
/// </summary>
internal static class ManifestPublisher
{
    public const string FileName = "aspire-manifest.json";

    // Readable quotes in shell arguments; the manifest is read by tools, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Publish(PublishContext context, string file)
    {
        var directory = Path.GetDirectoryName(file)!;
        var resources = new JsonObject();
        foreach (var resource in context.Resources)
        {
            var entry = resource switch
            {
                ParameterResource parameter => Parameter(parameter),
                PostgresServerResource { IsManaged: true } or RedisResource { IsManaged: true } or ContainerResource => Container(context.Services.Single(service => service.Resource == resource), context, directory),
                PostgresDatabaseResource { ExternalConnectionString: null } database => new JsonObject
                {
                    ["type"] = "value.v0",
                    ["connectionString"] = $"{{{database.Server.Name}.connectionString}};Database={database.DatabaseName}",
                },
                IResourceWithConnectionString external and (PostgresDatabaseResource or RedisResource) => ExternalConnectionString(external),
                ProjectResource project => Project(project, directory),
                _ => null, // a server whose databases are all external
            };
            if (entry is not null)
            {
                resources[resource.Name] = entry;
            }
        }
        var manifest = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/aspire-8.0.json",
            ["resources"] = resources,
        };
        Directory.CreateDirectory(directory);
        context.Write(Path.GetRelativePath(context.Output, file), manifest.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Parameter(ParameterResource parameter)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = parameter.Secret };
        if (parameter.ValueFactory is not null)
        {
            input["default"] = new JsonObject { ["generate"] = new JsonObject { ["minLength"] = 32, ["special"] = false } };
        }
        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{parameter.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    /// <summary>A connection string given at deployment, as Aspire's <c>AddConnectionString</c> writes it.</summary>
    private static JsonObject ExternalConnectionString(IResourceWithConnectionString resource) => new()
    {
        ["type"] = "parameter.v0",
        ["connectionString"] = $"{{{resource.Name}.value}}",
        ["value"] = $"{{{resource.Name}.inputs.value}}",
        ["inputs"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "string", ["secret"] = true } },
    };

    private static JsonObject Container(ServiceSpec service, PublishContext context, string directory)
    {
        var entry = new JsonObject { ["type"] = "container.v0" };
        if (service.Resource is IResourceWithConnectionString withConnectionString)
        {
            entry["connectionString"] = Placeholders(withConnectionString.ConnectionStringExpression);
        }
        entry["image"] = service.Image;
        if (service.Args.Count > 0)
        {
            entry["args"] = new JsonArray([.. service.Args.Select(arg => (JsonNode)arg)]);
        }
        entry["env"] = Environment(service.Environment);
        var binding = Binding(service.Endpoint);
        binding["targetPort"] = service.Endpoint.TargetPort;
        entry["bindings"] = new JsonObject { [service.Endpoint.Name] = binding };
        if (service.DataPath is not null)
        {
            entry["volumes"] = new JsonArray(new JsonObject { ["name"] = $"docs-{service.Name}-data", ["target"] = service.DataPath, ["readOnly"] = false });
        }
        var mounts = new JsonArray();
        foreach (var files in service.Files)
        {
            var source = files.Source;
            if (source is null)
            {
                // Generated files (an init script) are written beside the manifest and mounted from there.
                foreach (var (name, content) in files.Contents)
                {
                    context.Write(Path.GetRelativePath(context.Output, Path.Combine(directory, $"{service.Name}-{files.Name}", name)), content);
                }
                source = Path.Combine(directory, $"{service.Name}-{files.Name}");
            }
            mounts.Add(new JsonObject { ["source"] = Path.GetRelativePath(directory, source), ["target"] = files.Target, ["readOnly"] = true });
        }
        if (mounts.Count > 0)
        {
            entry["bindMounts"] = mounts;
        }
        return entry;
    }

    private static JsonObject Project(ProjectResource project, string directory)
    {
        var environment = Environment(project.Environment);
        environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true";
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        environment["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}";
        return new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(directory, project.Metadata.ProjectPath),
            ["env"] = environment,
            ["bindings"] = new JsonObject { ["http"] = Binding(project.HttpEndpoint) },
        };
    }

    private static JsonObject Binding(EndpointReference endpoint)
    {
        var binding = new JsonObject
        {
            ["scheme"] = endpoint.Scheme,
            ["protocol"] = "tcp",
            ["transport"] = endpoint.Scheme == "http" ? "http" : "tcp",
        };
        if (endpoint.IsExternal)
        {
            binding["external"] = true;
        }
        return binding;
    }

    private static JsonObject Environment(IReadOnlyDictionary<string, ReferenceExpression> environment)
    {
        var entry = new JsonObject();
        foreach (var (name, value) in environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            entry[name] = Placeholders(value);
        }
        return entry;
    }

    /// <summary>The value with each reference as its placeholder: <c>{api.bindings.http.url}</c>, <c>{docsdb.connectionString}</c>.</summary>
    public static string Placeholders(ReferenceExpression value) => value.Render(part => $"{{{part}}}");
}
