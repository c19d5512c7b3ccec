using System.Collections.Concurrent;

namespace Docs.Hosting;

/// <summary>Where resource states are published and awaited (Aspire's service of the same name).</summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public event Action<ResourceEvent>? StateChanged;

    public ResourceState GetState(string resource) => Get(resource).State;

    /// <summary>Completes once the resource is healthy; fails if it exits or fails to start first.</summary>
    public Task WaitForResourceHealthyAsync(string resource, CancellationToken cancellationToken = default) =>
        Get(resource).Healthy.Task.WaitAsync(cancellationToken);

    internal Task HealthyTask(string resource) => Get(resource).Healthy.Task;

    internal void Publish(string resource, ResourceState state, string? detail = null)
    {
        var entry = Get(resource);
        entry.State = state;
        switch (state)
        {
            case ResourceState.Healthy:
                entry.Healthy.TrySetResult();
                break;
            case ResourceState.Exited or ResourceState.FailedToStart or ResourceState.NotStarted when detail is not null:
                entry.Healthy.TrySetException(new DistributedApplicationException($"Resource '{resource}' is {state}: {detail}"));
                break;
        }
        StateChanged?.Invoke(new ResourceEvent(resource, state, detail, DateTimeOffset.UtcNow));
    }

    private Entry Get(string resource) => _entries.GetOrAdd(resource, _ => new Entry());

    private sealed class Entry
    {
        public ResourceState State { get; set; } = ResourceState.NotStarted;

        public TaskCompletionSource Healthy { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
