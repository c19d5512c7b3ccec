namespace Docs.Hosting.Orchestration;

/// <summary>Parameters are resolved when the model is built; at run time they are simply there.</summary>
internal sealed class ParameterRunner(ParameterResource parameter) : ResourceRunner(parameter)
{
    public override bool IsVisible => false;

    public override Task<ManagedProcess?> StartAsync(RunContext context, ResourceLog log, CancellationToken cancellationToken) =>
        Task.FromResult<ManagedProcess?>(null);

    public override Task<bool> IsHealthyAsync(RunContext context, CancellationToken cancellationToken) => Task.FromResult(true);
}
