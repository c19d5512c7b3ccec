using Docs;
using Docs.Collab;
using Docs.Collab.Admin;
using Docs.Collab.Connections;
using Docs.Core.Data;

// The work per frame is tiny and never blocks: socket completions (clients, PostgreSQL, Redis) run inline
// on the socket engine's threads, as in Node's event loop, instead of hopping through the thread pool for
// every frame in and out, which otherwise costs more than the work. What may take long moves to the
// thread pool first (see WorkOffSocketThreads). Read once, before the first socket is made.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
// One socket engine thread per four cores, at least one (the runtime's default with inline completions is
// one per core): on a small machine, one event loop, like Node's, leaves the other cores to the fan-out of
// crowded documents, PostgreSQL and the rest, and measured less CPU and a lower p99 (bench/README.md).
// An operator's own setting wins.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT",
        Math.Max(1, Environment.ProcessorCount / 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.AddServiceDefaults();
builder.AddDocsDbContext<DocsDbContext>(ResourceNames.DocsDatabase);
builder.AddDocsRedis();
builder.AddCollaboration();
builder.Services.AddProblemDetails();

var app = builder.Build();

// First: everything after (the per-address budgets, logs) sees the client's address, not the gateway's.
app.UseForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Each socket's keep-alive is chosen when it is accepted (see SocketEndpoints).
app.UseWebSockets();

app.MapDefaultEndpoints();
app.MapCollaborationSockets();
app.MapCollaborationAdmin();

await app.RunAsync();
