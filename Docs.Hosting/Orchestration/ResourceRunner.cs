namespace Docs.Hosting.Orchestration;

/// <summary>How one kind of resource is started, probed and stopped in run mode.</summary>
internal abstract class ResourceRunner(Resource resource)
{
    public Resource Resource { get; } = resource;

    /// <summary>False for resources that only exist in the model (parameters).</summary>
    public virtual bool IsVisible => true;

    /// <summary>Checks, before anything starts, that the machine has what this resource needs.</summary>
    public virtual void CheckPrerequisites(RunContext context)
    {
    }

    /// <summary>Keeps the ports this resource is configured with from being given to another; runs for every resource first.</summary>
    public virtual void ReserveConfiguredPorts(RunContext context)
    {
    }

    /// <summary>Gives the resource its ports; runs for every resource before any starts.</summary>
    public virtual void AllocateEndpoints(RunContext context)
    {
    }

    /// <summary>Starts the resource's process, if it has one; prepares what it needs first.</summary>
    public abstract Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken);

    public abstract Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken);

    /// <summary>How long the process may take to stop after its stop signal before it is killed.</summary>
    public virtual TimeSpan StopGrace => TimeSpan.FromSeconds(10);
}
