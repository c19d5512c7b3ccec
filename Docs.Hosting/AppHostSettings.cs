using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace Docs.Hosting;

/// <summary>
/// The AppHost's <c>appsettings.json</c> is read from its own directory, wherever it is started from
/// (<c>./run.sh</c> starts it from the repository root, where the host's content root would look), and
/// below the environment and the command line, which still win.
/// </summary>
public static class AppHostSettings
{
    public static IDistributedApplicationBuilder UseAppHostSettings(this IDistributedApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var index = sources.Select((source, position) => (source, position))
            .FirstOrDefault(pair => pair.source is EnvironmentVariablesConfigurationSource { Prefix: null or "" }).position;
        var files = new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" }
            .Select(name => Path.Combine(builder.AppHostDirectory, name))
            .Where(File.Exists)
            .Reverse();
        foreach (var file in files)
        {
            var source = new JsonConfigurationSource { Path = file, Optional = true };
            source.ResolveFileProvider();
            sources.Insert(index, source);
        }
        return builder;
    }
}
