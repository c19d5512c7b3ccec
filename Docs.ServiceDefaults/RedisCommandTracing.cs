using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns StackExchange.Redis profiling into OpenTelemetry spans. The client has no activity source of
/// its own, so commands are profiled per ambient activity and emitted, with their real start times,
/// by a periodic drain (the approach of OpenTelemetry's contrib instrumentation, which is not served here).
/// </summary>
internal sealed class RedisCommandTracing : BackgroundService
{
    public const string ActivitySourceName = "Docs.Redis";
    private static readonly ActivitySource Source = new(ActivitySourceName);
    private static readonly TimeSpan DrainInterval = TimeSpan.FromSeconds(1);

    private readonly ConditionalWeakTable<Activity, ProfilingSession> _sessions = new();
    private readonly ProfilingSession _detached = new();
    private readonly List<(ProfilingSession Session, ActivityContext Parent)> _open = [];
    private readonly Lock _gate = new();

    public void Attach(IConnectionMultiplexer multiplexer) => multiplexer.RegisterProfiler(CurrentSession);

    private ProfilingSession? CurrentSession()
    {
        if (!Source.HasListeners())
        {
            return null;
        }
        var parent = Activity.Current;
        if (parent is null)
        {
            return _detached;
        }
        lock (_gate)
        {
            if (!_sessions.TryGetValue(parent, out var session))
            {
                session = new ProfilingSession(parent);
                _sessions.Add(parent, session);
                _open.Add((session, parent.Context));
            }
            return session;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DrainInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Drain();
            }
        }
        catch (OperationCanceledException)
        {
        }
        Drain();
    }

    private void Drain()
    {
        Emit(_detached, default);
        List<(ProfilingSession Session, ActivityContext Parent)> open;
        lock (_gate)
        {
            open = [.. _open];
            // A session stays open while its activity runs; finished activities are drained once more and dropped.
            _open.RemoveAll(entry => entry.Session.UserToken is Activity { IsStopped: true });
        }
        foreach (var (session, parent) in open)
        {
            Emit(session, parent);
        }
    }

    private static void Emit(ProfilingSession session, ActivityContext parent)
    {
        foreach (var command in session.FinishProfiling())
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(command.CommandCreated, DateTimeKind.Utc));
            using var activity = Source.StartActivity(command.Command, ActivityKind.Client, parent, startTime: start);
            if (activity is null)
            {
                continue;
            }
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", command.Command);
            activity.SetTag("db.namespace", command.Db.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag("server.address", command.EndPoint?.ToString());
            activity.SetEndTime(start.UtcDateTime + command.ElapsedTime);
        }
    }
}
