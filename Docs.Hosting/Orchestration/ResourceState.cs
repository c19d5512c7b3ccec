namespace Docs.Hosting;

/// <summary>The life of a resource, as printed by the AppHost.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Healthy,
    Exited,
    FailedToStart,
    Stopping,
    Stopped,
}

/// <summary>A change of state, with the reason where there is one (an exit code, what failed).</summary>
public sealed record ResourceEvent(string Resource, ResourceState State, string? Detail, DateTimeOffset At);
