using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Publishing;

/// <summary><c>publish --target manifest|kubernetes|compose --output DIR</c>: writes what that engine needs from the model.</summary>
internal static class Publisher
{
    /// <returns>The process exit code.</returns>
    public static int Publish(IReadOnlyList<Resource> resources, IConfiguration configuration, DistributedApplicationExecutionContext execution, string appHostDirectory)
    {
        var target = execution.PublisherName!;
        var output = execution.OutputPath!;
        // The manifest may be asked for as a file (Aspire's --output-path aspire-manifest.json).
        var manifestFile = output.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? output : Path.Combine(output, ManifestPublisher.FileName);
        var directory = target == "manifest" ? Path.GetDirectoryName(manifestFile)! : output;
        var context = new PublishContext(resources, configuration, directory, appHostDirectory);
        try
        {
            Directory.CreateDirectory(directory);
            switch (target)
            {
                case "manifest":
                    ManifestPublisher.Publish(context, manifestFile);
                    break;
                case "kubernetes":
                    KubernetesPublisher.Publish(context);
                    Dockerfiles.Write(context);
                    break;
                case "compose":
                    ComposePublisher.Publish(context);
                    Dockerfiles.Write(context);
                    break;
            }
            context.SaveParameters();
        }
        catch (DistributedApplicationException ex)
        {
            Console.Error.WriteLine($"Cannot publish: {ex.Message}");
            return 1;
        }
        Console.WriteLine($"Published {target} to {directory}:");
        foreach (var file in context.Written.Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"  {file}");
        }
        if (target != "manifest")
        {
            Console.WriteLine($"Secrets are in {(target == "compose" ? ".env" : "secrets.yaml")} and parameters.json (owner-only): keep them out of version control.");
        }
        return 0;
    }
}
