using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Docs.Hosting.Services;

/// <summary>
/// Runs each service's built program directly instead of through <c>dotnet run --no-build</c>, Aspire's way
/// outside an IDE. Both start the same program from the same build output, with the same environment and
/// working directory; <c>dotnet run</c> first spends seconds of CPU evaluating the project to find it, on
/// every start and restart of every service. Left to Aspire under an IDE (which launches and debugs
/// projects itself) and wherever the program is not where the AppHost's build puts it.
/// </summary>
internal static class BuiltPrograms
{
    /// <summary>Set by an IDE that launches the AppHost's projects itself (Visual Studio, Rider, VS Code).</summary>
    private const string IdeSessionSetting = "DEBUG_SESSION_PORT";

    public static void RunDirectly(IResourceBuilder<ProjectResource> service)
    {
        var builder = service.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode || !string.IsNullOrEmpty(builder.Configuration[IdeSessionSetting]))
        {
            return;
        }
        var projectPath = service.Resource.GetProjectMetadata().ProjectPath;
        var program = ProgramOf(projectPath);
        if (File.Exists(program))
        {
            service.WithAnnotation(new ExecutableAnnotation { Command = program, WorkingDirectory = Path.GetDirectoryName(projectPath)! });
        }
    }

    /// <summary>
    /// Where the build puts a project's program: the services are built with the AppHost (it references
    /// them), in its configuration, for the repository's one target framework.
    /// </summary>
    private static string ProgramOf(string projectPath)
    {
        var configuration = typeof(BuiltPrograms).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var framework = $"net{Environment.Version.Major}.0";
        return Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, framework, Path.GetFileNameWithoutExtension(projectPath));
    }
}
