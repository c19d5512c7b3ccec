using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Infrastructure;

/// <summary>How PostgreSQL and Redis run (<c>Infrastructure:Mode</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container engine answers, else local. The default.</summary>
    Auto,
    /// <summary>The machine's own servers, as executables under DCP.</summary>
    Local,
    /// <summary>Aspire's PostgreSQL and Redis containers, with data volumes.</summary>
    Containers,
}

public static class InfrastructureModes
{
    /// <summary>The mode this run uses: publishing always describes containers.</summary>
    public static InfrastructureMode Resolve(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }
        var configured = builder.Configuration["Infrastructure:Mode"];
        var mode = string.IsNullOrWhiteSpace(configured) ? InfrastructureMode.Auto
            : Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var parsed) ? parsed
            : throw new DistributedApplicationException($"Infrastructure:Mode is '{configured}'; use auto, local or containers.");
        return mode != InfrastructureMode.Auto ? mode
            : ContainerEngineAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]) ? InfrastructureMode.Containers : InfrastructureMode.Local;
    }

    /// <summary>Whether Docker or Podman (as Aspire would pick: <c>ASPIRE_CONTAINER_RUNTIME</c>) answers within a few seconds.</summary>
    private static bool ContainerEngineAnswers(string? chosen)
    {
        var runtimes = !string.IsNullOrWhiteSpace(chosen) ? [chosen] : new[] { "docker", "podman" };
        return runtimes.Any(runtime => Posix.Which(runtime) is not null && Prerequisites.Run(runtime, "info", "--format", "{{.ServerVersion}}") is { Length: > 0 });
    }
}
