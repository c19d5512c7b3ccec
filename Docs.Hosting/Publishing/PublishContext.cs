using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Publishing;

/// <summary>What every publisher needs: the model, settings, the output, and the values of parameters.</summary>
internal sealed class PublishContext(IReadOnlyList<Resource> resources, IConfiguration configuration, string output, string appHostDirectory)
{
    private Dictionary<string, string>? _parameterValues;
    private bool _parametersChanged;

    public IReadOnlyList<Resource> Resources { get; } = resources;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The output directory.</summary>
    public string Output { get; } = output;

    public string AppHostDirectory { get; } = appHostDirectory;

    public string RepositoryRoot { get; } = AppHostInfo.RepositoryRoot(appHostDirectory);

    /// <summary><c>{Publish:Registry}/docs-{name}:{Publish:Tag}</c>: the images built from the generated Dockerfiles.</summary>
    public string ImageOf(ProjectResource project)
    {
        var registry = Configuration["Publish:Registry"]?.TrimEnd('/');
        var tag = Configuration["Publish:Tag"] ?? "latest";
        return $"{(string.IsNullOrWhiteSpace(registry) ? "" : registry + "/")}docs-{project.Name}:{tag}";
    }

    /// <summary>The services that run once published, in dependency order.</summary>
    public IReadOnlyList<ServiceSpec> Services => _services ??= [.. Resources.Select(resource => ServiceSpec.From(resource, this)).OfType<ServiceSpec>()];
    private IReadOnlyList<ServiceSpec>? _services;

    public Uri PublicUrl(EndpointReference endpoint) => PublicUrls.Of(Configuration, endpoint);

    /// <summary>
    /// Renders a value for a target where services reach each other by name: internal endpoints as
    /// <c>http://{name}:{port}</c>, external ones as their public URL, connection strings spelled out.
    /// </summary>
    public string Render(ReferenceExpression expression, Func<string, string> literal, Func<ParameterResource, string> parameter) =>
        expression.Render(part => part switch
        {
            ParameterPart value => parameter(value.Parameter),
            EndpointPart { Endpoint.IsExternal: true } endpoint => PublicPart(PublicUrl(endpoint.Endpoint), endpoint.Property),
            EndpointPart endpoint => endpoint.Property switch
            {
                EndpointProperty.Host => endpoint.Endpoint.Owner.Name,
                EndpointProperty.Port => endpoint.Endpoint.TargetPort.ToString(CultureInfo.InvariantCulture),
                _ => $"{endpoint.Endpoint.Scheme}://{endpoint.Endpoint.Owner.Name}:{endpoint.Endpoint.TargetPort}",
            },
            ConnectionStringPart connection => Render(connection.Resource.ConnectionStringExpression, literal, parameter),
            _ => throw new InvalidOperationException($"No rendering for {part.GetType().Name}."),
        }, literal);

    private static string PublicPart(Uri url, EndpointProperty property) => property switch
    {
        EndpointProperty.Host => url.Host,
        EndpointProperty.Port => url.Port.ToString(CultureInfo.InvariantCulture),
        _ => PublicUrls.Text(url),
    };

    /// <summary>
    /// A parameter's value for targets that need values (Kubernetes Secrets, Compose's .env):
    /// <c>Parameters:{name}</c>, else the value kept in the output's <c>parameters.json</c> by an earlier
    /// publish (so passwords do not change under a running database), else a new one for generated secrets.
    /// </summary>
    public string ValueOf(ParameterResource parameter)
    {
        var configured = Configuration[$"Parameters:{parameter.Name}"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        if (parameter.ConfiguredValue is not null)
        {
            return parameter.ConfiguredValue;
        }
        _parameterValues ??= Secrets.Load(ParametersFile);
        if (_parameterValues.TryGetValue(parameter.Name, out var kept))
        {
            return kept;
        }
        if (parameter.ValueFactory is null)
        {
            throw new DistributedApplicationException(
                $"Parameter '{parameter.Name}' has no value: set Parameters:{parameter.Name} (environment variable Parameters__{parameter.Name}).");
        }
        _parametersChanged = true;
        return _parameterValues[parameter.Name] = parameter.ValueFactory();
    }

    public string ParametersFile => Path.Combine(Output, "parameters.json");

    /// <summary>Keeps newly generated values for the next publish.</summary>
    public void SaveParameters()
    {
        if (_parametersChanged && _parameterValues is not null)
        {
            Secrets.Save(ParametersFile, _parameterValues);
        }
    }

    /// <summary>Writes a generated file; secrets (<paramref name="ownerOnly"/>) are readable by the owner only.</summary>
    public void Write(string relativePath, string content, bool ownerOnly = false)
    {
        var path = Path.Combine(Output, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = ownerOnly
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        Written.Add(relativePath);
    }

    public List<string> Written { get; } = [];
}
