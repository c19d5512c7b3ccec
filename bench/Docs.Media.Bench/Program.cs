using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Docs.Media.Bench;
using Docs.Testing;

// Attachments through Docs.Web (the gateway) and Docs.Api (the blob store on local disk), against Kestrel alone doing the
// same transfers from and to disk in this process, in the same run: a 50 MiB file and 1,000 files of 100 KiB, up and down;
// then the RSS of Docs.Web and Docs.Api before and after moving 1 GiB more. Usage: bench/media.sh [rounds of the large file]
var largeRounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
const int LargeBytes = 50 * 1024 * 1024;
const int SmallBytes = 100 * 1024;
const int SmallCount = 1000;
const int SmallConcurrency = 8;

await using var app = await TestingApplication.StartAsync(new Dictionary<string, string?>
{
    ["Services:api:Media:MaxUploadBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
    ["Services:web:Media:MaxUploadBytes"] = (64 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
    ["Services:api:RateLimits:WritesPerAddress"] = "1000000",
    ["Services:api:RateLimits:documents"] = "1000000",
    ["Services:api:Logging:LogLevel:Default"] = "Warning",
    ["Services:web:Logging:LogLevel:Default"] = "Warning",
});
await using var peer = await BarePeer.StartAsync();

var token = DevTokens.Mint(app, new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["email"] = "bench@example.org", ["name"] = "Bench" },
    expires: DateTime.UtcNow.AddHours(2));
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
using var web = new HttpClient(handler, disposeHandler: false) { BaseAddress = app.GetEndpoint("web"), Timeout = TimeSpan.FromMinutes(10) };
web.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
using var bare = new HttpClient(handler, disposeHandler: false) { BaseAddress = peer.Url, Timeout = TimeSpan.FromMinutes(10) };
(await web.GetAsync(new Uri("/api/v1.0/users/me/", UriKind.Relative))).EnsureSuccessStatusCode();
using var created = await web.PostAsync(new Uri("/api/v1.0/documents/", UriKind.Relative), JsonContent("""{"title":"Bench"}"""));
var document = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

var files = Directory.CreateTempSubdirectory("docs-media-bench-files-").FullName;
var large = WritePng(Path.Combine(files, "large.png"), LargeBytes);
var small = WritePng(Path.Combine(files, "small.png"), SmallBytes);
var docs = new Transfers(web, $"/api/v1.0/documents/{document}/attachment-upload/");
var floor = new Transfers(bare, "/upload");

// Warm-up (not measured): both paths compiled.
await docs.DownloadAsync((await docs.UploadAsync(small, 50, SmallConcurrency)).Urls, 1, SmallConcurrency);
await floor.DownloadAsync((await floor.UploadAsync(small, 50, SmallConcurrency)).Urls, 1, SmallConcurrency);

var rows = new List<(string Scenario, double Docs, double Floor)>();
async Task PairAsync(string file, int count, int concurrency, string name)
{
    var (docsUrls, docsUp) = await docs.UploadAsync(file, count, concurrency);
    var (floorUrls, floorUp) = await floor.UploadAsync(file, count, concurrency);
    rows.Add(($"upload {name}", docsUp, floorUp));
    var docsDown = await docs.DownloadAsync(docsUrls, 1, concurrency);
    var floorDown = await floor.DownloadAsync(floorUrls, 1, concurrency);
    rows.Add(($"download {name}", docsDown, floorDown));
}
await PairAsync(large, largeRounds, 1, $"50 MiB × {largeRounds}");
await PairAsync(small, SmallCount, SmallConcurrency, $"100 KiB × {SmallCount} (concurrency {SmallConcurrency})");

// Memory: moving 1 GiB more (up and down) must not grow the processes by the file sizes.
var webPid = app.GetProcessId("web")!.Value;
var apiPid = app.GetProcessId("api")!.Value;
var before = (Web: Rss(webPid), Api: Rss(apiPid));
var (moved, _) = await docs.UploadAsync(large, 10, 2);
await docs.DownloadAsync(moved, 1, 2);
var after = (Web: Rss(webPid), Api: Rss(apiPid));

Console.WriteLine();
Console.WriteLine("| scenario | Docs (MB/s) | Kestrel alone (MB/s) | ratio |");
Console.WriteLine("| --- | --- | --- | --- |");
foreach (var (scenario, docsRate, floorRate) in rows)
{
    Console.WriteLine(FormattableString.Invariant($"| {scenario} | {docsRate:F0} | {floorRate:F0} | {docsRate / floorRate:F2} |"));
}
Console.WriteLine(FormattableString.Invariant(
    $"RSS while moving 1 GiB (10 × 50 MiB up, then down): Docs.Web {before.Web / 1024.0:F0} → {after.Web / 1024.0:F0} MiB, Docs.Api {before.Api / 1024.0:F0} → {after.Api / 1024.0:F0} MiB"));
Directory.Delete(files, recursive: true);

static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

static string WritePng(string path, int length)
{
    var bytes = new byte[length];
    Random.Shared.NextBytes(bytes);
    byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    signature.CopyTo(bytes, 0);
    File.WriteAllBytes(path, bytes);
    return path;
}

static long Rss(int pid) =>
    long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture);
