using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Docs.IntegrationTests.Blobs;

/// <summary>
/// A malware scanner speaking the protocol of <c>Media:ScanUrl</c> (the bytes in, <c>{"safe": …}</c> out), as a deployment
/// would put in front of ClamAV: a file holding the EICAR test string is unsafe; one holding <see cref="HoldMarker"/> gets its
/// verdict only once <see cref="Release"/> is called, so a test can look at a file while it is being scanned.
/// </summary>
public sealed class TestScanner : IDisposable
{
    /// <summary>The standard anti-virus test string (eicar.org): harmless, and detected by every scanner.</summary>
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public const string HoldMarker = "hold-the-verdict";

    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _scanned;

    public TestScanner()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/scan/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>How many files were scanned.</summary>
    public int Scanned => Volatile.Read(ref _scanned);

    public void Release() => _released.TrySetResult();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var text = Encoding.Latin1.GetString(body.ToArray());
        if (text.Contains(HoldMarker, StringComparison.Ordinal))
        {
            await _released.Task;
        }
        var safe = !text.Contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE", StringComparison.Ordinal);
        Interlocked.Increment(ref _scanned);
        var answer = Encoding.UTF8.GetBytes(safe ? """{"safe":true}""" : """{"safe":false}""");
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = answer.Length;
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    public void Dispose()
    {
        Release();
        _listener.Close();
    }
}
