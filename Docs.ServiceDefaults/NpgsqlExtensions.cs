using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
        var tuning = builder.Configuration.GetSection($"Npgsql:{connectionName}");
        if (tuning.Exists())
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            // Many concurrent requests share connections and their writes: fewer round trips and system calls under load.
            settings.Multiplexing = tuning.GetValue("Multiplexing", settings.Multiplexing);
            // Statements run often are prepared on the server: parsed and planned once per connection, not per call.
            settings.MaxAutoPrepare = tuning.GetValue("MaxAutoPrepare", settings.MaxAutoPrepare);
            connectionString = settings.ConnectionString;
        }

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
            _ => new PostgresHealthCheck(connectionString),
            failureStatus: null,
            tags: ["ready"]));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddNpgsql())
            .WithMetrics(metrics => metrics.AddMeter("Npgsql"));

        return builder;
    }

    /// <summary>
    /// Opens the configured database and runs a trivial query. It uses the configured connection string,
    /// not a context's connection: once opened, Npgsql hides the password from that one.
    /// </summary>
    private sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var probe = new NpgsqlConnection(connectionString);
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
