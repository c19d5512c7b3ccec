using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Docs.Hosting.Services;

/// <summary>
/// Starts again a resource marked <see cref="RestartOnExitAnnotation"/> whose process exits with a failure
/// (a crash, a kill): editors reconnect on their own, so a crashed collaboration server is back within
/// seconds. A clean exit (a stop from the dashboard or a test) stays stopped. Repeated crashes wait
/// longer, up to 30 s.
/// </summary>
internal sealed partial class RestartOnExit(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<RestartOnExit> logger) : BackgroundService
{
    public static void Enable(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RestartOnExit>());
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = model.Resources.Where(resource => resource.HasAnnotationOfType<RestartOnExitAnnotation>()).Select(resource => resource.Name).ToHashSet();
        var crashes = new Dictionary<string, int>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                var snapshot = update.Snapshot;
                if (!watched.Contains(update.Resource.Name))
                {
                    continue;
                }
                var state = snapshot.State?.Text;
                if (state == KnownResourceStates.Running && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    crashes.Remove(update.Resource.Name);
                }
                if ((state != KnownResourceStates.Exited && state != KnownResourceStates.Finished) || snapshot.ExitCode is null or 0)
                {
                    continue;
                }
                if (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return; // everything is being stopped: an exit now is no crash
                }
                var count = crashes[update.Resource.Name] = crashes.GetValueOrDefault(update.Resource.Name) + 1;
                var pause = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, count - 1)));
                LogRestarting(logger, update.Resource.Name, snapshot.ExitCode.Value, pause.TotalSeconds);
                _ = RestartAsync(update.Resource, pause, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RestartAsync(IResource resource, TimeSpan pause, CancellationToken stoppingToken)
    {
        try
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
            await Task.Delay(pause, stopping.Token);
            if (notifications.TryGetCurrentState(resource.Name, out var current)
                && current.Snapshot.State?.Text != KnownResourceStates.Exited && current.Snapshot.State?.Text != KnownResourceStates.Finished)
            {
                return; // started again meanwhile (by a person, or a test)
            }
            var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, stopping.Token);
            if (!result.Success)
            {
                LogRestartFailed(logger, resource.Name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}; starting it again in {Seconds} s.")]
    private static partial void LogRestarting(ILogger logger, string resource, int exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? reason);
}
