using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>What Aspire's Npgsql EF Core client integration gives, without its package.</summary>
public static class NpgsqlExtensions
{
    /// <summary>
    /// Registers a pooled <typeparamref name="TContext"/> on PostgreSQL from <c>ConnectionStrings:{connectionName}</c>,
    /// with retries on transient failures, a health check named after the connection, and Npgsql's
    /// traces and metrics.
    /// </summary>
    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<NpgsqlDbContextOptionsBuilder>? configureNpgsql = null,
        Action<DbContextOptionsBuilder>? configureDbContext = null)
        where TContext : DbContext
    {
        var connectionString = ConnectionStrings.GetRequired(builder.Configuration, connectionName);

        builder.Services.AddDbContextPool<TContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.EnableRetryOnFailure();
                configureNpgsql?.Invoke(npgsql);
            });
            configureDbContext?.Invoke(options);
        });

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            services => new DbContextHealthCheck<TContext>(services),
            failureStatus: null,
            tags: ["ready"]));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddNpgsql())
            .WithMetrics(metrics => metrics.AddMeter("Npgsql"));

        return builder;
    }

    /// <summary>Opens the connection string's database and runs a trivial query.</summary>
    private sealed class DbContextHealthCheck<TContext>(IServiceProvider services) : IHealthCheck
        where TContext : DbContext
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            try
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var probe = new NpgsqlConnection(connection.ConnectionString);
                await probe.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", probe);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is unreachable.", ex);
            }
        }
    }
}
