using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Services;

public static class ServiceExtensions
{
    public const string HealthPath = "/health";

    /// <summary>
    /// A Docs service: its HTTP endpoint, healthy when <c>/health</c> says so, in the environment the AppHost
    /// runs in. The ones people type have a fixed port, <c>{name}:Port</c> (<paramref name="defaultPort"/>
    /// unless configured; 0 for any, as tests do). Not behind DCP's proxy: a service sees its clients'
    /// own addresses (the per-address budgets count them), and nothing adds a hop to a WebSocket.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name, int? defaultPort = null)
        where TProject : IProjectMetadata, new()
    {
        var port = defaultPort is null ? null : builder.Configuration.GetValue($"{name}:Port", defaultPort.Value) switch
        {
            0 => (int?)null,
            var configured => configured,
        };
        var service = builder.AddProject<TProject>(name)
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck(HealthPath)
            // What our services read of a reference: ConnectionStrings__* and services__*. Not also the
            // host, port, password and URI of every server as variables of their own: fewer copies of secrets.
            .WithAnnotation(new ReferenceEnvironmentInjectionAnnotation(
                ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery));
        BuiltPrograms.RunDirectly(service);
        if (builder.ExecutionContext.IsRunMode)
        {
            service.WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Configuration["AppHost:ServiceEnvironment"] ?? "Development");
        }
        return service;
    }

    /// <summary>Marks the site that people open: the summary leads with its URL; published, it serves the public URL.</summary>
    public static IResourceBuilder<ProjectResource> AsEntryPoint(this IResourceBuilder<ProjectResource> builder) =>
        builder.WithAnnotation(new EntryPointAnnotation()).WithExternalHttpEndpoints();

    /// <summary>Published, requests for <paramref name="path"/> on the public URL go straight to this service (the Ingress routes them).</summary>
    public static IResourceBuilder<ProjectResource> WithPublicPath(this IResourceBuilder<ProjectResource> builder, string path, bool longLived = false) =>
        builder.WithAnnotation(new PublicPathAnnotation(path, longLived), ResourceAnnotationMutationBehavior.Append);

    /// <summary>Published, how the platform checks the container is ready and alive.</summary>
    public static IResourceBuilder<ContainerResource> WithHealthProbes(this IResourceBuilder<ContainerResource> builder, string readiness, string liveness, int? port = null) =>
        builder.WithAnnotation(new HealthProbesAnnotation(readiness, liveness, port));

    /// <summary>Adds a line to the start-up summary.</summary>
    public static IResourceBuilder<T> WithSummary<T>(this IResourceBuilder<T> builder, Func<string> line) where T : IResource =>
        builder.WithAnnotation(new SummaryAnnotation(line), ResourceAnnotationMutationBehavior.Append);

    /// <summary>
    /// Running, a process that exits on its own (a crash) is started again, after a pause that grows with
    /// repeated crashes; published, the orchestrator restarts it (Kubernetes, Compose's <c>restart</c>).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRestartOnExit(this IResourceBuilder<ProjectResource> builder)
    {
        RestartOnExit.Enable(builder.ApplicationBuilder);
        return builder.WithAnnotation(new RestartOnExitAnnotation());
    }

    /// <summary>
    /// A setting from the AppHost's configuration. One whose name says it is a secret (password, secret,
    /// token, key) becomes a secret parameter, so publishing puts it in a Secret, never in plain settings.
    /// </summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : IResourceWithEnvironment
    {
        if (!SecretNames.IsMatch(name))
        {
            return builder.WithEnvironment(name, value);
        }
        var parameterName = $"{builder.Resource.Name}-{string.Join('-', name.Split("__").Select(part => part.ToLowerInvariant()))}";
        return builder.WithEnvironment(name, builder.ApplicationBuilder.AddParameter(parameterName, value, secret: true));
    }

    private static readonly System.Text.RegularExpressions.Regex SecretNames = new(
        "(password|secret|token|apikey|api_key|accesskey|privatekey)[^_]*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// Settings of <c>Services:{resource}:*</c> in the AppHost's configuration reach that service as its own
    /// configuration (<c>Services:web:Identity:RefreshBefore</c> → <c>Identity__RefreshBefore</c>), after the model's.
    /// </summary>
    public static void ApplyServiceSettings(this IDistributedApplicationBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            var resource = builder.CreateResourceBuilder(project);
            foreach (var (key, value) in builder.Configuration.GetSection($"Services:{project.Name}").AsEnumerable(makePathsRelative: true))
            {
                if (value is not null)
                {
                    resource.WithSetting(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }
    }
}
