using Microsoft.Extensions.Configuration;

namespace Docs.Hosting;

/// <summary>
/// Lets the test builder run the AppHost's own <c>Program</c> to obtain its model, as
/// Aspire.Hosting.Testing does: options are adjusted when the builder is created, and <c>Run</c> hands
/// the built application over instead of running it.
/// </summary>
internal sealed class DistributedApplicationTestingHook
{
    private static readonly AsyncLocal<DistributedApplicationTestingHook?> Ambient = new();

    public static DistributedApplicationTestingHook? Current => Ambient.Value;

    public Action<DistributedApplicationOptions, IConfigurationBuilder>? ConfigureBuilder { get; init; }

    public TaskCompletionSource<DistributedApplication> Built { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static IDisposable Install(DistributedApplicationTestingHook hook)
    {
        Ambient.Value = hook;
        return new Uninstall();
    }

    private sealed class Uninstall : IDisposable
    {
        public void Dispose() => Ambient.Value = null;
    }
}
