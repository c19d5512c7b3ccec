using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Docs.Hosting.Publishing;

/// <summary>
/// <c>publish --target kubernetes|compose --output DIR</c>: the application's model, built by Aspire in
/// publish mode, written as Kubernetes manifests or a Compose file with the Dockerfiles of the services.
/// Aspire's own manifest is Aspire's (<c>--publisher manifest --output-path FILE</c>).
/// </summary>
public sealed class PublishCommand
{
    private PublishCommand(string target, string output, string[] aspireArgs)
    {
        Target = target;
        Output = output;
        AspireArgs = aspireArgs;
    }

    public string Target { get; }

    public string Output { get; }

    /// <summary>What Aspire's builder gets: publish mode, and the settings given beside the command.</summary>
    public string[] AspireArgs { get; }

    /// <summary>
    /// Aspire's own publishing arguments, completed: <c>--publisher manifest</c> alone means publish mode
    /// and only the manifest step (the others build container images, which needs a container engine).
    /// </summary>
    public static string[] AspireArguments(string[] args)
    {
        var manifest = args.Select((arg, index) => (arg, index)).Any(pair => pair.arg == "--publisher" && args.ElementAtOrDefault(pair.index + 1) == "manifest");
        if (!manifest)
        {
            return args;
        }
        return [.. args,
            .. args.Contains("--operation") ? Array.Empty<string>() : ["--operation", "publish"],
            .. args.Contains("--step") ? Array.Empty<string>() : ["--step", "publish-manifest"]];
    }

    public static PublishCommand? Parse(string[] args)
    {
        if (args is not ["publish", ..])
        {
            return null;
        }
        string? target = null, output = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--target" when i + 1 < args.Length:
                    target = args[++i];
                    break;
                case "--output" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (target is not ("kubernetes" or "compose") || string.IsNullOrWhiteSpace(output))
        {
            throw new DistributedApplicationException("Usage: publish --target kubernetes|compose --output DIR (Aspire's manifest: --publisher manifest --output-path FILE).");
        }
        return new PublishCommand(target, Path.GetFullPath(output), ["--operation", "publish", .. rest]);
    }

    /// <returns>The process exit code.</returns>
    public int Run(DistributedApplication app, string appHostDirectory)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var context = new PublishContext(model, configuration, execution, Output, appHostDirectory);
        try
        {
            Directory.CreateDirectory(Output);
            if (Target == "kubernetes")
            {
                KubernetesPublisher.Publish(context);
            }
            else
            {
                ComposePublisher.Publish(context);
            }
            Dockerfiles.Write(context);
            context.SaveParameters();
        }
        catch (DistributedApplicationException ex)
        {
            Console.Error.WriteLine($"Cannot publish: {ex.Message}");
            return 1;
        }
        Console.WriteLine($"Published {Target} to {Output}:");
        foreach (var file in context.Written.Order(StringComparer.Ordinal))
        {
            Console.WriteLine($"  {file}");
        }
        Console.WriteLine($"Secrets are in {(Target == "compose" ? ".env" : "secrets.yaml")} and parameters.json (owner-only): keep them out of version control.");
        return 0;
    }
}
