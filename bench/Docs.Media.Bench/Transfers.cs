using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Docs.Media.Bench;

/// <summary>Uploads and downloads of whole files, timed; what each side's URLs are is the caller's.</summary>
public sealed class Transfers(HttpClient http, string uploadPath)
{
    /// <summary>Uploads <paramref name="count"/> copies of <paramref name="file"/>, <paramref name="concurrency"/> at a time; the URLs they got, and MB/s.</summary>
    public async Task<(List<string> Urls, double MegabytesPerSecond)> UploadAsync(string file, int count, int concurrency)
    {
        var urls = new List<string>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, cancellationToken) =>
        {
            await using var stream = File.OpenRead(file);
            using var content = new StreamContent(stream, 81920);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using var form = new MultipartFormDataContent { { content, "file", Path.GetFileName(file) } };
            using var response = await http.PostAsync(new Uri(uploadPath, UriKind.Relative), form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Upload: {(int)response.StatusCode} {body}");
            }
            var url = JsonDocument.Parse(body).RootElement.GetProperty("file").GetString()!;
            lock (urls)
            {
                urls.Add(url);
            }
        });
        return (urls, Rate(new FileInfo(file).Length * count, clock.Elapsed));
    }

    /// <summary>Downloads each URL <paramref name="rounds"/> times, <paramref name="concurrency"/> at a time, reading every byte; MB/s.</summary>
    public async Task<double> DownloadAsync(IReadOnlyList<string> urls, int rounds, int concurrency)
    {
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, urls.Count * rounds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, cancellationToken) =>
        {
            using var response = await http.GetAsync(new Uri(urls[i % urls.Count], UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[81920];
            long read = 0;
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                read += n;
            }
            Interlocked.Add(ref bytes, read);
        });
        return Rate(bytes, clock.Elapsed);
    }

    private static double Rate(long bytes, TimeSpan elapsed) => bytes / 1e6 / elapsed.TotalSeconds;
}
