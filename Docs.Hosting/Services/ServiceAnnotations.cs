using Aspire.Hosting.ApplicationModel;

namespace Docs.Hosting.Services;

/// <summary>The site people open: published, it serves the public URL and every path no other service claims.</summary>
public sealed class EntryPointAnnotation : IResourceAnnotation;

/// <summary>Published, requests for <see cref="Path"/> on the public URL go straight to this service; <see cref="LongLived"/> ones (WebSockets) get long timeouts.</summary>
public sealed record PublicPathAnnotation(string Path, bool LongLived) : IResourceAnnotation;

/// <summary>A line of the start-up summary, computed once the site is up.</summary>
public sealed class SummaryAnnotation(Func<string> line) : IResourceAnnotation
{
    public Func<string> Line { get; } = line;
}

/// <summary>Running, a process that exits on its own with a failure is started again (see <see cref="RestartOnExit"/>).</summary>
public sealed class RestartOnExitAnnotation : IResourceAnnotation;

/// <summary>Published, the container's readiness and liveness probes: paths on <see cref="Port"/> (its HTTP port when null).</summary>
public sealed record HealthProbesAnnotation(string ReadinessPath, string LivenessPath, int? Port) : IResourceAnnotation;

/// <summary>
/// Published, every service that references this resource mounts one volume shared between them, <see cref="Name"/>, at
/// <see cref="MountPath"/> (the blob store's folder, when no S3 store is configured).
/// </summary>
public sealed record SharedVolumeAnnotation(string Name, string MountPath) : IResourceAnnotation;
