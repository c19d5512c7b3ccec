namespace Docs.Hosting;

/// <summary>A named part of the application: a server, a database, a parameter or a .NET project.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = ResourceNames.Validate(name);

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Resources whose connection strings or URLs this one receives.</summary>
    public List<Resource> References { get; } = [];

    /// <summary>Environment variables, resolved when the resource starts (ports and secrets are known then).</summary>
    public Dictionary<string, ReferenceExpression> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines shown in the start-up summary once the application is healthy.</summary>
    public List<Func<string>> SummaryLines { get; } = [];

    public override string ToString() => Name;
}

/// <summary>A resource that other resources connect to through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The connection string, available once the resource's endpoint is allocated.</summary>
    string ConnectionString { get; }

    /// <summary>What the connection string is made of, for publishing.</summary>
    ReferenceExpression ConnectionStringExpression { get; }
}

/// <summary>A resource that exposes HTTP endpoints to others through <c>services__{name}__http__0</c>.</summary>
public interface IResourceWithEndpoints
{
    string Name { get; }

    EndpointReference HttpEndpoint { get; }
}

internal static class ResourceNames
{
    public static string Validate(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !char.IsAsciiLetterLower(name[0])
            || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use lower-case ASCII letters, digits and '-', starting with a letter.", nameof(name));
        }
        return name;
    }
}
