using System.Globalization;
using System.Runtime.CompilerServices;

namespace Docs.Hosting;

/// <summary>
/// A value made of literal text and references into the model: parameters, endpoints, connection
/// strings. Running resolves it to text once ports and secrets are known; publishing renders each
/// reference the way the target names it (a manifest placeholder, a Service host name, a Secret).
/// </summary>
public sealed class ReferenceExpression
{
    private ReferenceExpression(IReadOnlyList<ExpressionPart> parts) => Parts = parts;

    public IReadOnlyList<ExpressionPart> Parts { get; }

    public static ReferenceExpression Create([InterpolatedStringHandlerArgument] ref ExpressionHandler handler) =>
        new(handler.Build());

    public static ReferenceExpression Literal(string text) => new([new LiteralPart(text)]);

    public static implicit operator ReferenceExpression(string text) => Literal(text);

    /// <summary>Whether the value carries a secret: a secret parameter, or a connection string (which holds passwords).</summary>
    public bool IsSecret => Parts.Any(part => part is ParameterPart { Parameter.Secret: true } or ConnectionStringPart);

    /// <summary>The value as running services receive it.</summary>
    public string Resolve() => Render(part => part switch
    {
        ParameterPart parameter => parameter.Parameter.Value,
        EndpointPart endpoint => endpoint.Property switch
        {
            EndpointProperty.Host => endpoint.Endpoint.Host,
            EndpointProperty.Port => endpoint.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
            _ => endpoint.Endpoint.UrlString,
        },
        ConnectionStringPart connection => connection.Resource.ConnectionStringExpression.Resolve(),
        _ => throw new InvalidOperationException($"No rendering for {part.GetType().Name}."),
    });

    /// <summary>Each reference as <paramref name="reference"/> renders it; literal text as it is, or as <paramref name="literal"/> escapes it.</summary>
    public string Render(Func<ExpressionPart, string> reference, Func<string, string>? literal = null) =>
        string.Concat(Parts.Select(part => part is LiteralPart text ? (literal?.Invoke(text.Text) ?? text.Text) : reference(part)));

    public override string ToString() => Render(part => $"{{{part}}}");
}

public abstract record ExpressionPart;

public sealed record LiteralPart(string Text) : ExpressionPart;

public sealed record ParameterPart(ParameterResource Parameter) : ExpressionPart
{
    public override string ToString() => $"{Parameter.Name}.value";
}

public enum EndpointProperty { Url, Host, Port }

public sealed record EndpointPart(EndpointReference Endpoint, EndpointProperty Property) : ExpressionPart
{
    public override string ToString() => $"{Endpoint.Owner.Name}.bindings.{Endpoint.Name}.{Property.ToString().ToLowerInvariant()}";
}

public sealed record ConnectionStringPart(IResourceWithConnectionString Resource) : ExpressionPart
{
    public override string ToString() => $"{Resource.Name}.connectionString";
}

/// <summary>Builds a <see cref="ReferenceExpression"/> from an interpolated string: <c>$"{endpoint}/realms/{realm}"</c>.</summary>
[InterpolatedStringHandler]
public ref struct ExpressionHandler
{
    private readonly List<ExpressionPart> _parts;

    public ExpressionHandler(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _parts = new List<ExpressionPart>(formattedCount * 2 + 1);
    }

    public readonly void AppendLiteral(string text) => Add(new LiteralPart(text));

    public readonly void AppendFormatted(string? text) => Add(new LiteralPart(text ?? ""));

    public readonly void AppendFormatted(int number) => Add(new LiteralPart(number.ToString(CultureInfo.InvariantCulture)));

    public readonly void AppendFormatted(ParameterResource parameter) => Add(new ParameterPart(parameter));

    public readonly void AppendFormatted(IResourceBuilder<ParameterResource> parameter) => Add(new ParameterPart(parameter.Resource));

    /// <summary>An endpoint's URL (<c>http://host:port</c>).</summary>
    public readonly void AppendFormatted(EndpointReference endpoint) => Add(new EndpointPart(endpoint, EndpointProperty.Url));

    public readonly void AppendFormatted(EndpointPart endpoint) => Add(endpoint);

    public readonly void AppendFormatted(IResourceWithConnectionString resource) => Add(new ConnectionStringPart(resource));

    public readonly void AppendFormatted(ReferenceExpression expression)
    {
        foreach (var part in expression.Parts)
        {
            Add(part);
        }
    }

    internal readonly IReadOnlyList<ExpressionPart> Build() => _parts;

    private readonly void Add(ExpressionPart part)
    {
        // Adjacent literals merge, so renderers and tests see "a=b;c" rather than pieces.
        if (part is LiteralPart next && _parts.Count > 0 && _parts[^1] is LiteralPart previous)
        {
            _parts[^1] = new LiteralPart(previous.Text + next.Text);
        }
        else if (part is not LiteralPart { Text.Length: 0 })
        {
            _parts.Add(part);
        }
    }
}
