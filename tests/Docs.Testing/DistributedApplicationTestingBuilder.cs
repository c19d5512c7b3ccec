using System.Reflection;
using Docs.Hosting;
using Microsoft.Extensions.Configuration;

namespace Docs.Testing;

/// <summary>
/// Builds the application declared by an AppHost's own <c>Program</c> for a test, as
/// Aspire.Hosting.Testing does: every port random, a data directory of its own (so a fresh database),
/// servers without durability work, output kept in memory instead of the console.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Runs <typeparamref name="TEntryPoint"/>'s assembly entry point and returns the application it built, not yet started.</summary>
    public static Task<TestingApplication> CreateAsync<TEntryPoint>(
        string[]? args = null,
        Action<DistributedApplicationOptions, IConfigurationBuilder>? configure = null)
    {
        var entryPoint = typeof(TEntryPoint).Assembly.EntryPoint
            ?? throw new InvalidOperationException($"{typeof(TEntryPoint).Assembly.GetName().Name} has no entry point; name a type of the AppHost project.");
        var dataDirectory = Path.Combine(Path.GetTempPath(), "docs-tests", Guid.NewGuid().ToString("N")[..12]);
        var logs = new TestingLogs();

        var hook = new DistributedApplicationTestingHook
        {
            ConfigureBuilder = (options, configuration) =>
            {
                options.DataDirectory = dataDirectory;
                options.RandomizePorts = true;
                options.EphemeralData = true;
                options.WriteToConsole = false;
                options.LogSink = logs.Write;
                configure?.Invoke(options, configuration);
            },
        };
        using (DistributedApplicationTestingHook.Install(hook))
        {
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args ?? []]);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
        if (!hook.Built.Task.IsCompleted)
        {
            throw new InvalidOperationException("The AppHost's Program returned without building and running an application.");
        }
        return Task.FromResult(new TestingApplication(hook.Built.Task.Result, dataDirectory, logs));
    }
}
