namespace Docs.Hosting.Publishing;

/// <summary>
/// One service as container platforms run it, whatever the resource it comes from: the common ground
/// of the Kubernetes and Compose publishers.
/// </summary>
internal sealed record ServiceSpec(
    Resource Resource,
    string Image,
    EndpointReference Endpoint,
    IReadOnlyDictionary<string, ReferenceExpression> Environment,
    ProbeSpec Readiness,
    ProbeSpec Liveness,
    long RunAsUser,
    SizeSpec Size)
{
    public string Name => Resource.Name;

    public IReadOnlyList<string> Args { get; init; } = [];

    public int Replicas { get; init; } = 1;

    /// <summary>Files mounted read-only, by directory: an init script, a realm to import.</summary>
    public IReadOnlyList<FileSet> Files { get; init; } = [];

    /// <summary>Where the service keeps data that must survive restarts (a volume claim), if anywhere.</summary>
    public string? DataPath { get; init; }

    /// <summary>.NET services write nothing but temporary files, so their root filesystem is read-only.</summary>
    public bool ReadOnlyRootFilesystem { get; init; }

    /// <summary>The project a generated Dockerfile builds, for .NET services.</summary>
    public ProjectResource? Project => Resource as ProjectResource;

    /// <summary>Services that must run (and be healthy, for servers) before this one.</summary>
    public IEnumerable<Resource> DependsOn => Resource.WaitsFor
        .Select(dependency => dependency is PostgresDatabaseResource database ? database.Server : dependency)
        .Where(dependency => dependency is not ParameterResource)
        .Distinct();

    public static ServiceSpec? From(Resource resource, PublishContext context) => resource switch
    {
        PostgresServerResource { IsManaged: true } postgres => Postgres(postgres),
        RedisResource { IsManaged: true } redis => Redis(redis),
        ProjectResource project => ForProject(project, context),
        ContainerResource container => Container(container, context),
        _ => null, // parameters, databases (created by their server's init script), external servers
    };

    private static ServiceSpec Postgres(PostgresServerResource postgres)
    {
        var databases = postgres.Databases.Where(database => database.ExternalConnectionString is null)
            .Select(database => $"CREATE DATABASE \"{database.DatabaseName}\";\n");
        return new ServiceSpec(postgres, PostgresServerResource.Image, postgres.Endpoint,
            new Dictionary<string, ReferenceExpression>
            {
                ["POSTGRES_USER"] = PostgresServerResource.UserName,
                ["POSTGRES_PASSWORD"] = ReferenceExpression.Create($"{postgres.Password}"),
                ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
                ["PGDATA"] = "/var/lib/postgresql/data/pgdata",
            },
            ProbeSpec.Command("pg_isready", "-U", PostgresServerResource.UserName),
            ProbeSpec.Command("pg_isready", "-U", PostgresServerResource.UserName),
            RunAsUser: 999, // the image's postgres user
            new SizeSpec("250m", "512Mi", "2Gi"))
        {
            Files = [new FileSet("init", "/docker-entrypoint-initdb.d", new Dictionary<string, string> { ["01-databases.sql"] = string.Concat(databases) })],
            DataPath = "/var/lib/postgresql/data",
        };
    }

    private static ServiceSpec Redis(RedisResource redis)
    {
        // The shell expands the password, so neither the arguments nor a probe ever spell it out.
        var ping = ProbeSpec.Command("sh", "-c", "redis-cli -a \"$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG");
        return new ServiceSpec(redis, RedisResource.Image, redis.Endpoint,
            new Dictionary<string, ReferenceExpression> { ["REDIS_PASSWORD"] = ReferenceExpression.Create($"{redis.Password}") },
            ping, ping, RunAsUser: 999, new SizeSpec("100m", "128Mi", "1Gi"))
        {
            Args = ["sh", "-c", "exec redis-server --requirepass \"$REDIS_PASSWORD\" --appendonly yes --dir /data"],
            DataPath = "/data",
        };
    }

    private static ServiceSpec ForProject(ProjectResource project, PublishContext context)
    {
        var environment = new Dictionary<string, ReferenceExpression>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_HTTP_PORTS"] = ReferenceExpression.Literal(ProjectResource.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // Behind the Ingress: the scheme and host of the public URL, for sign-in redirects and cookies.
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["OTEL_SERVICE_NAME"] = project.Name,
        };
        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value;
        }
        return new ServiceSpec(project, context.ImageOf(project), project.HttpEndpoint, environment,
            ProbeSpec.Http(project.HealthCheckPath, ProjectResource.ContainerPort),
            ProbeSpec.Http("/alive", ProjectResource.ContainerPort),
            RunAsUser: 1654, // "app", the non-root user of .NET's images
            new SizeSpec("100m", "256Mi", "1Gi"))
        {
            Replicas = project.Replicas,
            ReadOnlyRootFilesystem = true,
        };
    }

    private static ServiceSpec Container(ContainerResource container, PublishContext context)
    {
        var files = container.Mounts.Select((mount, index) =>
        {
            var source = Path.GetFullPath(mount.Source, context.AppHostDirectory);
            if (!Directory.Exists(source))
            {
                throw new DistributedApplicationException($"'{container.Name}' mounts {source}, which does not exist.");
            }
            var contents = Directory.EnumerateFiles(source).Order(StringComparer.Ordinal)
                .ToDictionary(file => Path.GetFileName(file), File.ReadAllText, StringComparer.Ordinal);
            return new FileSet($"files-{index}", mount.Target, contents) { Source = source };
        });
        var port = container.HealthPort ?? container.HttpEndpoint.TargetPort;
        return new ServiceSpec(container, container.Image, container.HttpEndpoint, container.Environment,
            ProbeSpec.Http(container.ReadinessPath, port), ProbeSpec.Http(container.LivenessPath, port),
            container.RunAsUser, new SizeSpec("250m", "768Mi", "2Gi"))
        {
            Args = container.Args,
            Files = [.. files],
        };
    }
}

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
