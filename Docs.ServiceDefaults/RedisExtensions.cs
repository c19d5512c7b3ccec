using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>What Aspire's StackExchange.Redis client integration gives, without its package.</summary>
public static class RedisExtensions
{
    /// <summary>
    /// Registers a shared <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:{connectionName}</c>,
    /// with a PING health check and a span per Redis command.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = ConnectionStrings.GetRequired(builder.Configuration, connectionName);
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is still coming up or briefly away; the multiplexer reconnects.
        options.AbortOnConnectFail = false;

        builder.Services.AddSingleton<RedisCommandTracing>();
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(options);
            services.GetRequiredService<RedisCommandTracing>().Attach(multiplexer);
            return multiplexer;
        });
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisCommandTracing>());

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new RedisHealthCheck(services.GetRequiredService<IConnectionMultiplexer>()),
            failureStatus: null,
            tags: ["ready"]));

        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(RedisCommandTracing.ActivitySourceName));
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer multiplexer) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await multiplexer.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable.", ex);
            }
        }
    }
}
