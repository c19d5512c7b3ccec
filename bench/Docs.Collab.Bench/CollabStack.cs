using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Docs.Core.Collaboration;
using Docs.Core.Documents;
using Docs.Testing;
using Npgsql;

/// <summary>What the collaboration benches share: the stack as they run it, documents, and the Node load tools.</summary>
internal static class CollabStack
{
    public static string LoadDirectory { get; } = Path.Combine(RepositoryPaths.Root, "bench", "collab");

    /// <summary>The whole stack, Docs.Collab with its connection limits opened for clients that all come from one address.</summary>
    public static async Task<TestingApplication> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var app = await TestingApplication.StartAsync(new Dictionary<string, string?>(settings ?? [])
        {
            ["Services:collab:Logging:LogLevel:Default"] = "Warning",
            ["Services:collab:Collaboration:NewConnectionsPerAddressPerMinute"] = "100000",
            ["Services:collab:Collaboration:MaxConnectionsPerDocument"] = "5000",
            // Every bench client is the same anonymous person (one address, tickets without a user).
            ["Services:collab:Collaboration:MaxConnectionsPerPerson"] = "5000",
            // Documents of one run are folded and unloaded in the pause before the next, not during its measurement.
            ["Services:collab:Collaboration:UnloadAfter"] = "00:00:01",
        });
        return app;
    }

    public static int CollabPid(TestingApplication app) =>
        app.GetProcessId("collab") ?? throw new InvalidOperationException("Docs.Collab is not running.");

    public static CollaborationTicket Tickets(TestingApplication app) =>
        new(app.Parameter("collaboration-secret"), TimeProvider.System);

    public static string SocketUrl(TestingApplication app) =>
        new UriBuilder(app.GetEndpoint("collab")) { Scheme = "ws", Path = "/collaboration/ws/" }.Uri.ToString();

    /// <summary>
    /// The gateway probes Docs.Collab's /alive every 5 s (Docs.Web's YARP cluster): at that pace the request path
    /// takes minutes to reach its optimised code, and compiling it, step by step, was charged to the scenarios
    /// (15–17 ms of CPU a second while idle, two minutes after ./run.sh started the stack). Calling the probes
    /// a few hundred times now finishes that.
    /// </summary>
    public static async Task WarmUpProbesAsync(TestingApplication app)
    {
        using var probes = new HttpClient { BaseAddress = app.GetEndpoint("collab") };
        for (var call = 0; call < 150; call++)
        {
            (await probes.GetAsync(new Uri("/alive", UriKind.Relative))).Dispose();
            (await probes.GetAsync(new Uri("/health", UriKind.Relative))).Dispose();
            await Task.Delay(20);
        }
    }

    public static async Task<List<Guid>> SeedAsync(string connectionString, int count, long offset)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO documents (id, title, link_reach, link_role, path, depth, num_child, created_at, updated_at, attachments)
            SELECT id, 'bench', 'restricted', 'reader', path, 1, 0, now(), now(), '{}' FROM unnest($1, $2) AS t(id, path)
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = ids.Select((_, i) => TreePath.Encode(DocumentTree.Origin * 2 + offset + i)).ToArray() });
        await insert.ExecuteNonQueryAsync();
        return ids;
    }

    public static async Task<JsonElement> RunLoadAsync(string directory, string url, IEnumerable<(string Name, string Token)> documents, int pid, string[] load)
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"collab-bench-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new { documents = documents.Select(d => new { name = d.Name, token = d.Token }) }));
        using var process = StartNode(directory, "load.mjs", ["--url", url, "--manifest", manifest, "--pid", pid.ToString(CultureInfo.InvariantCulture), .. load]);
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(manifest);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"load.mjs failed against {url}: {error}");
        }
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
    }

    public static Process StartNode(string directory, string script, params string[] arguments) =>
        StartProcess("node", directory, [script, .. arguments]);

    /// <summary>A Node script at the lowest CPU priority: a client that stands for another machine, whose CPU is not the server's.</summary>
    public static Process StartNiceNode(string directory, string script, params string[] arguments) =>
        StartProcess("nice", directory, ["-n", "19", "node", script, .. arguments]);

    private static Process StartProcess(string file, string directory, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }
}
