using Microsoft.Extensions.Configuration;

namespace Docs.Hosting;

/// <summary>Declares the application's resources, as Aspire's builder of the same name.</summary>
public interface IDistributedApplicationBuilder
{
    IConfigurationManager Configuration { get; }

    DistributedApplicationOptions Options { get; }

    IReadOnlyList<Resource> Resources { get; }

    /// <summary>Running or publishing (<c>publish --target …</c>).</summary>
    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>The AppHost project's directory: relative paths in the model start there.</summary>
    string AppHostDirectory { get; }

    IResourceBuilder<T> AddResource<T>(T resource) where T : Resource;

    DistributedApplication Build();
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The configuration lives as long as the application built from it, which disposes it.")]
internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly ConfigurationManager _configuration = new();

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        ExecutionContext = DistributedApplicationExecutionContext.Parse(options.Args, out var configurationArgs);
        AppHostDirectory = AppHostInfo.ProjectDirectory ?? AppContext.BaseDirectory;

        // The AppHost reads its own settings like any .NET app; later sources win.
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        _configuration.SetBasePath(AppHostDirectory);
        _configuration.AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(configurationArgs);
        DistributedApplicationTestingHook.Current?.ConfigureBuilder?.Invoke(options, _configuration);

        if (string.IsNullOrEmpty(options.DataDirectory))
        {
            var configured = _configuration["AppHost:DataDirectory"];
            options.DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(AppHostInfo.RepositoryRoot(AppHostDirectory), ".data")
                : configured, AppHostDirectory);
        }
    }

    public IConfigurationManager Configuration => _configuration;

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public DistributedApplicationExecutionContext ExecutionContext { get; }

    public string AppHostDirectory { get; }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new DistributedApplicationException($"A resource named '{resource.Name}' is already in the model.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        ApplyServiceSettings();
        var ordered = TopologicalOrder(_resources);
        if (ExecutionContext.IsPublishMode)
        {
            // Published values are the target's business: placeholders, or the output's own parameters file.
            return new DistributedApplication(ordered, Options, _configuration, ExecutionContext, AppHostDirectory);
        }
        ResolveParameters();
        return new DistributedApplication(ordered, Options, _configuration, ExecutionContext, AppHostDirectory);
    }

    private void ResolveParameters()
    {
        var file = Path.Combine(Options.DataDirectory, "parameters.json");
        var stored = Secrets.Load(file);
        var changed = false;
        foreach (var parameter in _resources.OfType<ParameterResource>())
        {
            var configured = _configuration[$"Parameters:{parameter.Name}"];
            if (!string.IsNullOrEmpty(configured))
            {
                parameter.ResolvedValue = configured;
            }
            else if (parameter.ConfiguredValue is not null)
            {
                parameter.ResolvedValue = parameter.ConfiguredValue;
            }
            else if (stored.TryGetValue(parameter.Name, out var kept))
            {
                parameter.ResolvedValue = kept;
            }
            else if (parameter.ValueFactory is not null)
            {
                parameter.ResolvedValue = stored[parameter.Name] = parameter.ValueFactory();
                changed = true;
            }
            else
            {
                throw new DistributedApplicationException(
                    $"Parameter '{parameter.Name}' has no value: set Parameters:{parameter.Name} in the AppHost's configuration (environment variable Parameters__{parameter.Name}).");
            }
        }
        if (changed)
        {
            Secrets.Save(file, stored);
        }
    }

    /// <summary>
    /// Settings of <c>Services:{resource}:*</c> in the AppHost's configuration reach that service as its
    /// own configuration (<c>Services:web:Identity:RefreshBefore</c> → <c>Identity__RefreshBefore</c>), after the model's.
    /// </summary>
    private void ApplyServiceSettings()
    {
        foreach (var project in _resources.OfType<ProjectResource>().ToList())
        {
            var builder = new ResourceBuilder<ProjectResource>(project, this);
            var section = _configuration.GetSection($"Services:{project.Name}");
            foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
            {
                if (value is not null)
                {
                    builder.WithSetting(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }
    }

    /// <summary>Orders resources so each comes after what it waits for; a cycle is a modelling error.</summary>
    internal static List<Resource> TopologicalOrder(IReadOnlyList<Resource> resources)
    {
        var ordered = new List<Resource>();
        var state = new Dictionary<Resource, bool>(); // false: visiting, true: done
        void Visit(Resource resource, Stack<Resource> path)
        {
            if (state.TryGetValue(resource, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                    throw new DistributedApplicationException($"The resources wait for each other in a cycle: {string.Join(" -> ", cycle)}.");
                }
                return;
            }
            state[resource] = false;
            path.Push(resource);
            foreach (var dependency in resource.WaitsFor)
            {
                Visit(dependency, path);
            }
            path.Pop();
            state[resource] = true;
            ordered.Add(resource);
        }
        foreach (var resource in resources)
        {
            Visit(resource, new Stack<Resource>());
        }
        return ordered;
    }
}
