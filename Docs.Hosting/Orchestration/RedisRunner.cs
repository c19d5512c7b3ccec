using System.Globalization;
using Docs.Hosting.Infrastructure;

namespace Docs.Hosting.Orchestration;

/// <summary>
/// redis-server from the machine's installation: loopback only, a password, append-only file on,
/// data under <c>{data}/{name}</c>. The configuration file holds the password, so only its owner reads it.
/// </summary>
internal sealed class RedisRunner(RedisResource redis) : ResourceRunner(redis)
{
    private string _server = "redis-server";

    public override void CheckPrerequisites(RunContext context)
    {
        if (redis.IsManaged)
        {
            _server = Prerequisites.FindRedisServer(context.Configuration, redis.Name);
        }
    }

    public override void AllocateEndpoints(RunContext context)
    {
        if (redis.IsManaged)
        {
            redis.Endpoint.AllocatedPort = PortAllocator.Allocate();
        }
    }

    public override async Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        if (!redis.IsManaged)
        {
            log.Write($"external: using the configured ConnectionStrings:{redis.Name}");
            return null;
        }
        var data = Path.Combine(context.DataDirectory, redis.Name);
        Directory.CreateDirectory(data);
        var configuration = Path.Combine(data, "redis.conf");
        var lines = string.Join('\n',
            "bind 127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"port {redis.Endpoint.Port}"),
            $"requirepass \"{redis.Password.Value}\"",
            $"dir \"{data}\"",
            "daemonize no",
            "protected-mode yes",
            "logfile \"\"",
            context.Options.EphemeralData ? "appendonly no" : "appendonly yes",
            "appendfsync everysec",
            context.Options.EphemeralData ? "save \"\"" : "save 900 1 300 10",
            "");
        await using (var stream = new FileStream(configuration, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(lines);
        }
        var spec = new ProcessSpec(_server, [configuration], new Dictionary<string, string>(), WorkingDirectory: data);
        return ManagedProcess.Start(spec, log);
    }

    public override Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken)
    {
        var (host, port, password) = redis.IsManaged
            ? ("127.0.0.1", redis.Endpoint.Port, redis.Password.Value)
            : RespClient.Parse(redis.ExternalConnectionString!);
        return RespClient.PingAsync(host, port, password, cancellationToken);
    }
}
