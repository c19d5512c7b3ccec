using Docs.Collab;
using Docs.Collab.Admin;
using Docs.Collab.Connections;
using Docs.Core.Data;

var builder = WebApplication.CreateBuilder(args);

// The work per frame is tiny and never blocks: run socket continuations inline instead of hopping
// through the thread pool for every frame in and out, which otherwise costs more than the work.
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
