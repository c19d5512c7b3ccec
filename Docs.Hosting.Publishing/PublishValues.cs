using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Docs.Hosting.Publishing;

/// <summary>
/// Renders the values of Aspire's model (text, parameters, endpoints, connection strings, expressions
/// made of them) for a target where services reach each other by name: internal endpoints as
/// <c>http://{name}:{port}</c>, external ones at their public URL.
/// </summary>
internal sealed class PublishValues(PublishContext context, Func<string, string> literal, Func<ParameterResource, string> parameter)
{
    public string Render(object? value) => value switch
    {
        null => "",
        string text => literal(text),
        ParameterResource resource => parameter(resource),
        ReferenceExpression expression => RenderExpression(expression),
        EndpointReference endpoint => Endpoint(endpoint, EndpointProperty.Url),
        EndpointReferenceExpression property => Endpoint(property.Endpoint, property.Property),
        ConnectionStringReference reference => Render(reference.Resource.ConnectionStringExpression),
        IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression),
        IManifestExpressionProvider other => throw new DistributedApplicationException($"No rendering for {other.ValueExpression} ({other.GetType().Name})."),
        _ => literal(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private string RenderExpression(ReferenceExpression expression)
    {
        if (expression.IsConditional)
        {
            var chosen = string.Equals(Render(expression.Condition), expression.MatchValue, StringComparison.OrdinalIgnoreCase) ? expression.WhenTrue : expression.WhenFalse;
            return Render(chosen);
        }
        var parts = expression.ValueProviders.Select((provider, index) =>
            expression.StringFormats.ElementAtOrDefault(index) == "uri" ? Uri.EscapeDataString(Render(provider)) : Render(provider)).ToArray<object>();
        // What the providers render is final; the format's own text goes through the target's escaping.
        return string.Format(CultureInfo.InvariantCulture, EscapeLiterals(expression.Format), parts);
    }

    /// <summary>Passes the format's literal text (braces doubled) through the target's escaping, leaving its {n} holes alone.</summary>
    private string EscapeLiterals(string format)
    {
        var result = new System.Text.StringBuilder();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '{' && i + 1 < format.Length && format[i + 1] != '{')
            {
                var end = format.IndexOf('}', i);
                result.Append(literal(Unescape(text.ToString())).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
                text.Clear();
                result.Append(format, i, end - i + 1);
                i = end;
            }
            else
            {
                text.Append(format[i]);
            }
        }
        result.Append(literal(Unescape(text.ToString())).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        return result.ToString();
    }

    private static string Unescape(string text) => text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    private string Endpoint(EndpointReference endpoint, EndpointProperty property)
    {
        var port = PublishContext.PortOf(endpoint);
        if (port.IsExternal)
        {
            var url = context.PublicUrl(endpoint.Resource.Name);
            return property switch
            {
                EndpointProperty.Host or EndpointProperty.IPV4Host => url.Host,
                EndpointProperty.Port or EndpointProperty.TargetPort => url.Port.ToString(CultureInfo.InvariantCulture),
                EndpointProperty.Scheme => url.Scheme,
                EndpointProperty.HostAndPort => url.Authority,
                EndpointProperty.TlsEnabled => (url.Scheme == Uri.UriSchemeHttps).ToString(),
                _ => PublicUrls.Text(url),
            };
        }
        var name = endpoint.Resource.Name;
        var target = port.TargetPort.ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            EndpointProperty.Host or EndpointProperty.IPV4Host => name,
            EndpointProperty.Port or EndpointProperty.TargetPort => target,
            EndpointProperty.Scheme => port.Scheme,
            EndpointProperty.HostAndPort => $"{name}:{target}",
            EndpointProperty.TlsEnabled => bool.FalseString, // inside the cluster, services speak plain TCP
            _ => $"{port.Scheme}://{name}:{target}",
        };
    }

    /// <summary>Whether a value holds a secret parameter, however deep: it then goes to a Secret, never plain settings.</summary>
    public static bool IsSecret(object? value) => value switch
    {
        ParameterResource parameter => parameter.Secret,
        ReferenceExpression expression => expression.ValueProviders.Any(IsSecret),
        ConnectionStringReference reference => IsSecret(reference.Resource.ConnectionStringExpression),
        IResourceWithConnectionString resource => IsSecret(resource.ConnectionStringExpression),
        _ => false,
    };
}
