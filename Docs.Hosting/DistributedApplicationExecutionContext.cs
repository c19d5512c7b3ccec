namespace Docs.Hosting;

/// <summary>
/// Whether the AppHost runs the application or publishes it, as Aspire's context of the same name.
/// The model may differ between the two: published, Keycloak stands in for the development provider.
/// </summary>
public sealed class DistributedApplicationExecutionContext
{
    private DistributedApplicationExecutionContext(string? publisher, string? output)
    {
        PublisherName = publisher;
        OutputPath = output;
    }

    public static DistributedApplicationExecutionContext Run { get; } = new(null, null);

    public bool IsRunMode => PublisherName is null;

    public bool IsPublishMode => PublisherName is not null;

    /// <summary><c>manifest</c>, <c>kubernetes</c> or <c>compose</c> when publishing.</summary>
    public string? PublisherName { get; }

    /// <summary>A directory (kubernetes, compose, manifest) or a file ending in .json (manifest).</summary>
    public string? OutputPath { get; }

    public static readonly IReadOnlyList<string> Publishers = ["manifest", "kubernetes", "compose"];

    /// <summary>
    /// Reads <c>publish --target T --output DIR</c>, or Aspire's <c>--publisher T --output-path P</c>
    /// (how azd asks an AppHost for its manifest), and returns the other arguments for configuration.
    /// </summary>
    public static DistributedApplicationExecutionContext Parse(string[] args, out string[] remaining)
    {
        var rest = new List<string>();
        string? publisher = null, output = null;
        var publishVerb = false;
        for (var i = 0; i < args.Length; i++)
        {
            var argument = args[i];
            string? Value(string name) => i + 1 < args.Length
                ? args[++i]
                : throw new DistributedApplicationException($"{name} needs a value.");
            switch (argument)
            {
                case "publish" when i == 0:
                    publishVerb = true;
                    break;
                case "--target" when publishVerb:
                case "--publisher":
                    publisher = Value(argument);
                    break;
                case "--output" when publishVerb:
                case "--output-path":
                    output = Value(argument);
                    break;
                default:
                    rest.Add(argument);
                    break;
            }
        }
        remaining = [.. rest];
        if (!publishVerb && publisher is null)
        {
            return Run;
        }
        if (publisher is null || !Publishers.Contains(publisher))
        {
            throw new DistributedApplicationException(
                $"Publish needs a target: --target {string.Join('|', Publishers)} (or --publisher); got '{publisher ?? "nothing"}'.");
        }
        return new DistributedApplicationExecutionContext(publisher, Path.GetFullPath(output ?? Path.Combine("publish", publisher)));
    }
}
