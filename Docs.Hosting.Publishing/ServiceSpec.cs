using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Docs.Hosting.Services;

namespace Docs.Hosting.Publishing;

/// <summary>
/// One service as container platforms run it, whatever the resource of Aspire's model it comes from:
/// the common ground of the Kubernetes and Compose publishers. Environment values are the model's
/// (text, parameters, endpoints, expressions), rendered by each target (<see cref="PublishValues"/>).
/// </summary>
internal sealed record ServiceSpec(
    string Name,
    string Image,
    PortSpec Endpoint,
    IReadOnlyDictionary<string, object> Environment,
    ProbeSpec Readiness,
    ProbeSpec Liveness,
    long RunAsUser,
    SizeSpec Size)
{
    /// <summary>The port .NET services listen on in their containers (ASP.NET Core images' default).</summary>
    public const int ProjectContainerPort = 8080;

    public IReadOnlyList<string> Args { get; init; } = [];

    public int Replicas { get; init; } = 1;

    /// <summary>Files mounted read-only, by directory: an init script, a realm to import.</summary>
    public IReadOnlyList<FileSet> Files { get; init; } = [];

    /// <summary>Where the service keeps data that must survive restarts (a volume claim), if anywhere.</summary>
    public string? DataPath { get; init; }

    /// <summary>Volumes this service shares with others (the blob store's folder), by name.</summary>
    public IReadOnlyList<SharedVolumeAnnotation> SharedVolumes { get; init; } = [];

    /// <summary>.NET services write nothing but temporary files, so their root filesystem is read-only.</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>The project a generated Dockerfile builds, for .NET services.</summary>
    public IProjectMetadata? Project { get; init; }

    public bool IsEntryPoint { get; init; }

    public IReadOnlyList<PublicPathAnnotation> PublicPaths { get; init; } = [];

    /// <summary>Services that must run (and be healthy, for servers) before this one.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public static ServiceSpec? From(IResource resource, PublishContext context) => resource switch
    {
        Aspire.Hosting.ApplicationModel.PostgresServerResource postgres => Postgres(postgres, context),
        RedisResource redis => Redis(redis, context),
        ProjectResource project => ForProject(project, context),
        ContainerResource container => Container(container, context),
        _ => null, // parameters, databases (created by their server's init script), connection strings
    };

    private static ServiceSpec Postgres(Aspire.Hosting.ApplicationModel.PostgresServerResource postgres, PublishContext context)
    {
        var databases = context.Model.Resources.OfType<PostgresDatabaseResource>().Where(database => database.Parent == postgres)
            .Select(database => $"CREATE DATABASE \"{database.DatabaseName}\";\n");
        return new ServiceSpec(postgres.Name, ImageOf(postgres), PublishContext.PortOf(postgres.PrimaryEndpoint),
            new Dictionary<string, object>
            {
                ["POSTGRES_USER"] = postgres.UserNameReference,
                ["POSTGRES_PASSWORD"] = postgres.PasswordParameter,
                ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                ["PGDATA"] = "/var/lib/postgresql/data/pgdata",
            },
            ProbeSpec.Command("pg_isready", "-U", "postgres"),
            ProbeSpec.Command("pg_isready", "-U", "postgres"),
            RunAsUser: 999, // the image's postgres user
            new SizeSpec("250m", "512Mi", "2Gi"))
        {
            Files = [new FileSet("init", "/docker-entrypoint-initdb.d", new Dictionary<string, string> { ["01-databases.sql"] = string.Concat(databases) })],
            DataPath = "/var/lib/postgresql/data",
        };
    }

    private static ServiceSpec Redis(RedisResource redis, PublishContext context)
    {
        // The shell expands the password, so neither the arguments nor a probe ever spell it out.
        var ping = ProbeSpec.Command("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG");
        return new ServiceSpec(redis.Name, ImageOf(redis), PublishContext.PortOf(redis.PrimaryEndpoint),
            new Dictionary<string, object> { ["REDIS_PASSWORD"] = (object?)redis.PasswordParameter ?? "" },
            ping, ping, RunAsUser: 999, new SizeSpec("100m", "128Mi", "1Gi"))
        {
            Args = ["sh", "-c", "exec redis-server --requirepass \"$REDIS_PASSWORD\" --appendonly yes --dir /data"],
            DataPath = "/data",
        };
    }

    private static ServiceSpec ForProject(ProjectResource project, PublishContext context)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            // Behind the Ingress: the scheme and host of the public URL, for sign-in redirects and cookies.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        foreach (var (name, value) in context.EnvironmentOf(project))
        {
            environment[name] = value;
        }
        // Where the port is ours to say: the image's port, whatever Aspire's model chose for running.
        environment["ASPNETCORE_HTTP_PORTS"] = ProjectContainerPort.ToString(CultureInfo.InvariantCulture);
        environment.Remove("ASPNETCORE_URLS");
        environment.Remove("HTTP_PORTS");
        return new ServiceSpec(project.Name, context.ImageOf(project), PublishContext.PortOf(project.GetEndpoint("http")), environment,
            ProbeSpec.Http(ServiceExtensions.HealthPath, ProjectContainerPort),
            ProbeSpec.Http("/alive", ProjectContainerPort),
            RunAsUser: 1654, // "app", the non-root user of .NET's images
            new SizeSpec("100m", "256Mi", "1Gi"))
        {
            Replicas = project.GetReplicaCount(),
            ReadOnlyRootFilesystem = true,
            SharedVolumes = SharedVolumesOf(environment.Values),
            Project = project.GetProjectMetadata(),
            IsEntryPoint = project.HasAnnotationOfType<EntryPointAnnotation>(),
            PublicPaths = [.. project.Annotations.OfType<PublicPathAnnotation>()],
            DependsOn = DependenciesOf(project),
        };
    }

    private static ServiceSpec Container(ContainerResource container, PublishContext context)
    {
        var files = container.Annotations.OfType<ContainerMountAnnotation>().Where(mount => mount.Type == ContainerMountType.BindMount).Select((mount, index) =>
        {
            var source = Path.GetFullPath(mount.Source!, context.AppHostDirectory);
            if (!Directory.Exists(source))
            {
                throw new DistributedApplicationException($"'{container.Name}' mounts {source}, which does not exist.");
            }
            var contents = Directory.EnumerateFiles(source).Order(StringComparer.Ordinal)
                .ToDictionary(file => Path.GetFileName(file), File.ReadAllText, StringComparer.Ordinal);
            return new FileSet($"files-{index}", mount.Target, contents) { Source = source };
        });
        var http = PublishContext.PortOf(container.GetEndpoint("http"));
        var probes = container.Annotations.OfType<HealthProbesAnnotation>().LastOrDefault() ?? new HealthProbesAnnotation("/health", "/health", null);
        var port = probes.Port ?? http.TargetPort;
        return new ServiceSpec(container.Name, ImageOf(container), http, context.EnvironmentOf(container),
            ProbeSpec.Http(probes.ReadinessPath, port), ProbeSpec.Http(probes.LivenessPath, port),
            RunAsUser: 1000, new SizeSpec("250m", "768Mi", "2Gi"))
        {
            Args = context.ArgsOf(container),
            Files = [.. files],
            DependsOn = DependenciesOf(container),
        };
    }

    /// <summary>The shared volumes of the resources whose connection strings a service is given.</summary>
    private static List<SharedVolumeAnnotation> SharedVolumesOf(IEnumerable<object> environment) => [.. environment
        .Select(value => value switch
        {
            ConnectionStringReference reference => reference.Resource,
            IResourceWithConnectionString resource => resource,
            _ => null,
        })
        .OfType<IResource>()
        .SelectMany(resource => resource.Annotations.OfType<SharedVolumeAnnotation>())
        .Distinct()];

    private static string ImageOf(IResource resource) =>
        resource.TryGetContainerImageName(out var image) ? image : throw new DistributedApplicationException($"'{resource.Name}' names no image.");

    /// <summary>What the resource waits for, as services: a database stands for its server.</summary>
    private static List<string> DependenciesOf(IResource resource) => [.. resource.Annotations.OfType<WaitAnnotation>()
        .Select(wait => wait.Resource is IResourceWithParent child ? child.Parent : wait.Resource)
        .Where(dependency => dependency is ProjectResource or ContainerResource)
        .Select(dependency => dependency.Name)
        .Distinct()];
}

/// <summary>The port a service listens on; <see cref="HostPort"/> is the one Compose publishes on the host for external ones.</summary>
internal sealed record PortSpec(string Name, string Scheme, int TargetPort, bool IsExternal, int? HostPort);

/// <summary>Files mounted at <paramref name="Target"/>; <see cref="Source"/> is the repository directory they come from, if any.</summary>
internal sealed record FileSet(string Name, string Target, IReadOnlyDictionary<string, string> Contents)
{
    public string? Source { get; init; }
}

/// <summary>An HTTP GET on a path and port, or a command run in the container.</summary>
internal sealed record ProbeSpec(string? Path, int Port, IReadOnlyList<string> CommandLine)
{
    public static ProbeSpec Http(string path, int port) => new(path, port, []);

    public static ProbeSpec Command(params string[] commandLine) => new(null, 0, commandLine);
}

internal sealed record SizeSpec(string CpuRequest, string MemoryRequest, string MemoryLimit);
