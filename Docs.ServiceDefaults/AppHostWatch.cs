using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// When started by the AppHost (<c>DOCS_APPHOST_PID</c> set), stops this service if the AppHost is gone,
/// so that a killed AppHost leaves no service running. Elsewhere (Kubernetes, Compose) it does nothing.
/// </summary>
internal sealed partial class AppHostWatch(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<AppHostWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration["DOCS_APPHOST_PID"], out var pid) || !OperatingSystem.IsLinux())
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!IsRunning(pid))
                {
                    LogAppHostGone(logger, pid);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>False once the process is gone or a zombie (exited, waiting for a reaper that may never come).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AppHost (pid {Pid}) is gone; stopping.")]
    private static partial void LogAppHostGone(ILogger logger, int pid);

    public static void Register(IServiceCollection services) => services.AddHostedService<AppHostWatch>();
}
