using Docs.Collab;
using Docs.Collab.Admin;
using Docs.Collab.Connections;
using Docs.Core.Data;

// The work per frame is tiny and never blocks: socket completions (clients, PostgreSQL, Redis) run inline
// on the socket engine's threads, as in Node's event loop, instead of hopping through the thread pool for
// every frame in and out, which otherwise costs more than the work. What may take long moves to the
// thread pool first (see WorkOffSocketThreads). Read once, before the first socket is made.
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<DocsDbContext>(DocsDbContext.ConnectionName);
builder.AddRedisClient("redis");
builder.AddCollaboration();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
// Keep-alive frames come from SilenceWatch, through the same writer as every other frame (see SocketBase).
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });

app.MapDefaultEndpoints();
app.MapCollaborationSockets();
app.MapCollaborationAdmin();

await app.RunAsync();
