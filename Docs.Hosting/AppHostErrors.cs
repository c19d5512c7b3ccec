using Aspire.Hosting;

namespace Docs.Hosting;

/// <summary>
/// A start that cannot go on (a missing program, a port in use) ends with its message and exit code 1,
/// not a stack trace: the message says what to install or which setting to change.
/// </summary>
public static class AppHostErrors
{
    public static void ReportPlainly() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            for (var exception = e.ExceptionObject as Exception; exception is not null; exception = exception.InnerException)
            {
                if (exception is DistributedApplicationException)
                {
                    Console.Error.WriteLine($"\nCannot start: {exception.Message}\n");
                    Environment.Exit(1);
                }
            }
        };
}
