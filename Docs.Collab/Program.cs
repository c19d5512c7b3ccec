using Docs;
using Docs.Collab;
using Docs.Collab.Admin;
using Docs.Collab.Connections;

InlineSockets.ConfigureSocketEngine();
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseInlineSocketScheduling();
builder.AddServiceDefaults();
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
