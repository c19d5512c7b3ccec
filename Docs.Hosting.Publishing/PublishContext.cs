using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

namespace Docs.Hosting.Publishing;

/// <summary>What every publisher needs: Aspire's model, settings, the output, and the values of parameters.</summary>
internal sealed class PublishContext(
    DistributedApplicationModel model,
    IConfiguration configuration,
    DistributedApplicationExecutionContext execution,
    string output,
    string appHostDirectory)
{
    private Dictionary<string, string>? _parameterValues;
    private bool _parametersChanged;

    public DistributedApplicationModel Model { get; } = model;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The output directory.</summary>
    public string Output { get; } = output;

    public string AppHostDirectory { get; } = appHostDirectory;

    public string RepositoryRoot { get; } = AppHostData.RepositoryRoot(appHostDirectory);

    /// <summary><c>{Publish:Registry}/docs-{name}:{Publish:Tag}</c>: the images built from the generated Dockerfiles.</summary>
    public string ImageOf(ProjectResource project)
    {
        var registry = Configuration["Publish:Registry"]?.TrimEnd('/');
        var tag = Configuration["Publish:Tag"] ?? "latest";
        return $"{(string.IsNullOrWhiteSpace(registry) ? "" : registry + "/")}docs-{project.Name}:{tag}";
    }

    /// <summary>The services that run once published, in the model's order.</summary>
    public IReadOnlyList<ServiceSpec> Services => _services ??= [.. Model.Resources.Select(resource => ServiceSpec.From(resource, this)).OfType<ServiceSpec>()];
    private IReadOnlyList<ServiceSpec>? _services;

    public static PortSpec PortOf(EndpointReference endpoint)
    {
        var annotation = endpoint.EndpointAnnotation;
        var target = annotation.TargetPort ?? (endpoint.Resource is ProjectResource ? ServiceSpec.ProjectContainerPort : annotation.Port)
            ?? throw new DistributedApplicationException($"'{endpoint.Resource.Name}' has no port for its '{annotation.Name}' endpoint.");
        return new PortSpec(annotation.Name, annotation.UriScheme, target, annotation.IsExternal, annotation.Port);
    }

    public Uri PublicUrl(string resource) =>
        PublicUrls.Of(Configuration, resource, Model.Resources.Any(r => r.Name == resource && r.HasAnnotationOfType<EntryPointAnnotation>()));

    /// <summary>The resource's environment as the model declares it for publishing.</summary>
    public Dictionary<string, object> EnvironmentOf(IResource resource)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(execution, resource, environment, CancellationToken.None);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            callback.Callback(context).GetAwaiter().GetResult();
        }
        return environment;
    }

    public List<string> ArgsOf(IResource resource)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource, CancellationToken.None);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            callback.Callback(context).GetAwaiter().GetResult();
        }
        return [.. args.Select(arg => new PublishValues(this, text => text, ValueOf).Render(arg))];
    }

    /// <summary>Renders a value with the target's escaping of text and its way of spelling parameters.</summary>
    public string Render(object value, Func<string, string> literal, Func<ParameterResource, string> parameter) =>
        new PublishValues(this, literal, parameter).Render(value);

    /// <summary>
    /// A parameter's value for targets that need values (Kubernetes Secrets, Compose's .env):
    /// <c>Parameters:{name}</c>, else the value kept in the output's <c>parameters.json</c> by an earlier
    /// publish (so passwords do not change under a running database), else the model's default, else a
    /// new one for secrets.
    /// </summary>
    public string ValueOf(ParameterResource parameter)
    {
        var configured = Configuration[$"Parameters:{parameter.Name}"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        _parameterValues ??= GeneratedSecrets.Load(ParametersFile);
        if (_parameterValues.TryGetValue(parameter.Name, out var kept))
        {
            return kept;
        }
        var value = ModelValueOf(parameter)
            ?? (parameter.Secret ? GeneratedSecrets.Generate() : throw new DistributedApplicationException(
                $"Parameter '{parameter.Name}' has no value: set Parameters:{parameter.Name} (environment variable Parameters__{parameter.Name})."));
        _parametersChanged = true;
        return _parameterValues[parameter.Name] = value;
    }

    /// <summary>The value the model itself holds (a setting, a configured connection string), if any.</summary>
    private static string? ModelValueOf(ParameterResource parameter)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return parameter.GetValueAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is MissingParameterValueException or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }

    public string ParametersFile => Path.Combine(Output, "parameters.json");

    /// <summary>Keeps newly generated values for the next publish.</summary>
    public void SaveParameters()
    {
        if (_parametersChanged && _parameterValues is not null)
        {
            GeneratedSecrets.Save(ParametersFile, _parameterValues);
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
