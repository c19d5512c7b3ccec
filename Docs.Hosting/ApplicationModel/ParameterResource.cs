namespace Docs.Hosting;

/// <summary>
/// A value given to services: read from configuration (<c>Parameters:{name}</c>), or for a generated
/// secret, created once and kept under the data directory so it survives restarts.
/// </summary>
public sealed class ParameterResource(string name, bool secret, Func<string>? valueFactory) : Resource(name)
{
    public bool Secret { get; } = secret;

    internal Func<string>? ValueFactory { get; } = valueFactory;

    /// <summary>A value the AppHost's configuration gave under another name (<c>Mail:SmtpPassword</c>); <c>Parameters:{name}</c> still wins.</summary>
    internal string? ConfiguredValue { get; init; }

    internal string? ResolvedValue { get; set; }

    public string Value => ResolvedValue ?? throw new InvalidOperationException($"Parameter '{Name}' is resolved when the application is built.");
}
