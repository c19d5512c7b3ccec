using System.Net.Http.Headers;
using Docs.Api.Bench;
using Docs.Testing;

// Docs.Api on the real stack (PostgreSQL, Redis, every service, started by the AppHost's test builder):
// document retrieve, list and tree at concurrency 32 against a bare endpoint of the same process, and
// the nested subtree of 1,011 documents. Usage: bench/api.sh [seconds per scenario] [scenario words…]
// (with words, only the scenarios whose names contain one of them run, beside the bare endpoint).
var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var only = args.Skip(1).ToArray();
bool Selected(string name) => only.Length == 0 || name == "bare constant" || only.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
var duration = TimeSpan.FromSeconds(seconds);
var warmUp = TimeSpan.FromSeconds(3);
const int Concurrency = 32;
const int PairedRounds = 5;

await using var app = await TestingApplication.StartAsync(new Dictionary<string, string?>
    {
        ["Services:api:Bench:ConstantEndpoint"] = "true",
        ["Services:api:Logging:LogLevel:Default"] = "Warning",
        ["Services:api:Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
    });

var seed = new Seed();
var seeding = System.Diagnostics.Stopwatch.StartNew();
await seed.WriteAsync(app.GetConnectionString("docsdb"));
Console.WriteLine($"Seeded {seed.DocumentCount} documents for {Seed.Users} users in {seeding.Elapsed.TotalSeconds:F1} s");

var tokens = seed.People.ToDictionary(p => p.Id, p => DevTokens.Mint(app, new Dictionary<string, object>
{
    ["sub"] = p.Sub, ["email"] = $"{p.Sub}@example.org", ["name"] = "Bench User",
}, expires: DateTime.UtcNow.AddHours(2)));

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = app.GetEndpoint("api") };
HttpRequestMessage Get(string path, Guid? user)
{
    var message = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
    if (user is { } id)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[id]);
    }
    return message;
}
Guid Someone(Random random) => seed.People[random.Next(seed.People.Count)].Id;

// Provision every user once (the first request of a token writes the user row), outside the measurement.
foreach (var person in seed.People)
{
    using var response = await http.SendAsync(Get("/api/v1.0/users/me/", person.Id));
    response.EnsureSuccessStatusCode();
}

var scenarios = new List<(string Name, int Concurrency, Func<Random, HttpRequestMessage> Request)>
{
    ("bare constant", Concurrency, _ => Get("/bench/constant", null)),
    ("bare constant + token", Concurrency, r => Get("/bench/constant", Someone(r))),
    ("users/me", Concurrency, r => Get("/api/v1.0/users/me/", Someone(r))),
    ("document retrieve", Concurrency, r =>
    {
        var user = Someone(r);
        var documents = seed.Reachable[user];
        return Get($"/api/v1.0/documents/{documents[r.Next(documents.Count)]}/", user);
    }),
    ("document list", Concurrency, r => Get("/api/v1.0/documents/", Someone(r))),
    ("tree (depth 5)", Concurrency, r =>
    {
        var user = Someone(r);
        var leaves = seed.Leaves[user];
        return Get($"/api/v1.0/documents/{leaves[r.Next(leaves.Count)]}/tree/", user);
    }),
    ("1,011-node subtree", 1, _ => Get($"/api/v1.0/documents/{seed.LargeSubtreeRoot}/descendants/", seed.People[0].Id)),
};
var results = new List<LoadResult>();
foreach (var (name, concurrency, request) in scenarios.Where(s => Selected(s.Name)))
{
    results.Add(await Load.RunAsync(name, http, concurrency, warmUp, duration, request));
}

Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(result);
}
Console.WriteLine();
var retrieveScenario = scenarios.Single(s => s.Name == "document retrieve");
if (Selected(retrieveScenario.Name))
{
    // The target ratio, measured in pairs: the bare endpoint and retrieve back to back, in alternating order, so that
    // drift on a shared machine (other processes, a warming JIT) weighs on both sides of each pair alike.
    var bareScenario = scenarios[0];
    var ratios = new List<double>();
    for (var round = 0; round < PairedRounds; round++)
    {
        var pair = round % 2 == 0 ? new[] { bareScenario, retrieveScenario } : [retrieveScenario, bareScenario];
        var measured = new Dictionary<string, LoadResult>();
        foreach (var (name, concurrency, request) in pair)
        {
            measured[name] = await Load.RunAsync(name, http, concurrency, warmUp, duration, request);
        }
        var ratio = measured[retrieveScenario.Name].RequestsPerSecond / measured[bareScenario.Name].RequestsPerSecond;
        ratios.Add(ratio);
        Console.WriteLine($"pair {round + 1}: bare {measured[bareScenario.Name].RequestsPerSecond,7:F0} req/s, retrieve {measured[retrieveScenario.Name].RequestsPerSecond,6:F0} req/s: {ratio:P0}");
    }
    ratios.Sort();
    Console.WriteLine($"retrieve / bare constant, median of {PairedRounds} pairs: {ratios[ratios.Count / 2]:P0} (target >= 25 %)");
}
if (results.Find(r => r.Name == "1,011-node subtree") is { } subtree)
{
    Console.WriteLine($"1,011-node subtree p50: {subtree.P50Ms:F1} ms (target < 50 ms)");
}
