using Docs.Hosting;

namespace Docs.Testing;

/// <summary>
/// The whole application running for a test: endpoints, connection strings and logs of every resource,
/// and a teardown that stops every process and deletes the test's data.
/// </summary>
public sealed class TestingApplication : IAsyncDisposable
{
    private readonly string _dataDirectory;

    internal TestingApplication(DistributedApplication application, string dataDirectory, TestingLogs logs)
    {
        Application = application;
        _dataDirectory = dataDirectory;
        Logs = logs;
    }

    public DistributedApplication Application { get; }

    public TestingLogs Logs { get; }

    public ResourceNotificationService ResourceNotifications => Application.ResourceNotifications;

    /// <summary>Starts everything and waits until all is healthy; on failure the exception carries the failed resources' logs.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await Application.StartAsync(cancellation.Token);
    }

    /// <summary>An HTTP client whose base address is the resource's endpoint.</summary>
    public HttpClient CreateHttpClient(string resource) => new() { BaseAddress = Application.GetEndpoint(resource) };

    public string GetConnectionString(string resource) => Application.GetConnectionString(resource);

    public Uri GetEndpoint(string resource) => Application.GetEndpoint(resource);

    public async ValueTask DisposeAsync()
    {
        await Application.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing; the temporary directory goes with the machine.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
