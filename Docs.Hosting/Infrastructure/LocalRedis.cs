using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Docs.Hosting.Infrastructure;

/// <summary>
/// redis-server from the machine's installation as an executable under DCP: loopback only, a password,
/// append-only file on, data under <c>{data}/{name}</c>. The password is in a configuration file only its
/// owner reads, never on the command line.
/// </summary>
public sealed class LocalRedisResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}

public static class LocalRedisExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var server = Prerequisites.OrReport(builder, () => Prerequisites.FindRedisServer(builder.Configuration, name), "redis-server");
        var password = builder.AddGeneratedSecret($"{name}-password");
        var data = Path.Combine(builder.DataDirectory(), name);
        var configuration = Path.Combine(data, "redis.conf");
        var redis = new LocalRedisResource(name, server, data, password.Resource);
        var ephemeral = builder.IsEphemeral();

        var healthCheck = $"{name}-answers";
        // Aspire's Redis check (AspNetCore.HealthChecks.Redis) with a real PING: DCP's proxy accepts
        // connections before redis-server is up.
        // The check runs once the server is Running, when its endpoint is allocated and the value is at hand.
        builder.Services.AddHealthChecks().AddRedis(
            _ => redis.ConnectionStringExpression.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() ?? "",
            name: healthCheck);

        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add(configuration);
                context.Args.Add("--port");
                context.Args.Add(redis.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .OnBeforeResourceStarted(async (resource, _, cancellationToken) =>
            {
                Directory.CreateDirectory(data);
                var lines = string.Join('\n',
                    "bind 127.0.0.1",
                    $"requirepass \"{await resource.Password.GetValueAsync(cancellationToken)}\"",
                    $"dir \"{data}\"",
                    "daemonize no",
                    "protected-mode yes",
                    "logfile \"\"",
                    ephemeral ? "appendonly no" : "appendonly yes",
                    "appendfsync everysec",
                    ephemeral ? "save \"\"" : "save 900 1 300 10",
                    "");
                await using var stream = new FileStream(configuration, new FileStreamOptions
                {
                    Mode = FileMode.Create,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync(lines);
            });
    }
}
