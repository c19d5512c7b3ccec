using System.Diagnostics;
using System.Globalization;

namespace Docs.Api.Bench;

/// <summary>One scenario's figures.</summary>
public sealed record LoadResult(string Name, int Concurrency, long Requests, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-22} c={Concurrency,-3} {RequestsPerSecond,9:F0} req/s   p50 {P50Ms,7:F2} ms   p99 {P99Ms,7:F2} ms   ({Requests} requests, {Failures} failed)");
}

/// <summary>Closed-loop load: <c>concurrency</c> callers each send the next request when the previous answered.</summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string name, HttpClient http, int concurrency, TimeSpan warmUp, TimeSpan duration,
        Func<Random, HttpRequestMessage> request)
    {
        await DriveAsync(http, concurrency, warmUp, request, record: null);
        var latencies = new List<double>[concurrency];
        var failures = new long[concurrency];
        var clock = Stopwatch.StartNew();
        await DriveAsync(http, concurrency, duration, request, (worker, ms, ok) =>
        {
            (latencies[worker] ??= []).Add(ms);
            if (!ok)
            {
                failures[worker]++;
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, failures.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static Task DriveAsync(HttpClient http, int concurrency, TimeSpan duration, Func<Random, HttpRequestMessage> request,
        Action<int, double, bool>? record)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919 + 17);
            while (Stopwatch.GetTimestamp() < end)
            {
                using var message = request(random);
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }
                record?.Invoke(worker, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
            }
        })));
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
