using Docs;
using Docs.AppHost;
using Docs.Hosting;
using Docs.Hosting.Infrastructure;
using Docs.Hosting.Publishing;
using Docs.Hosting.Services;
using Microsoft.Extensions.Configuration;

// `publish --target kubernetes|compose --output DIR` writes our deployment files; Aspire's own manifest
// comes from `--publisher manifest --output-path FILE`.
AppHostErrors.ReportPlainly();
var publishing = PublishCommand.Parse(args);
var builder = DistributedApplication.CreateBuilder(publishing?.AspireArgs ?? PublishCommand.AspireArguments(args))
    .UseAppHostSettings()
    .ChecksFixedPortsBeforeStart();

var mode = InfrastructureModes.Resolve(builder);
var postgres = new PostgresServer(builder, ResourceNames.Postgres, mode);
var docsdb = postgres.AddDatabase(ResourceNames.DocsDatabase, databaseName: "docs");
var redis = builder.AddRedisServer(ResourceNames.Redis, mode);
var collaborationSecret = builder.AddGeneratedSecret("collaboration-secret");

// Docs.Identity in development; Keycloak (or another OpenID Connect provider) when Identity:Authority is set.
var signIn = SignIn.Add(builder, postgres);

var api = builder.AddService<Projects.Docs_Api>(ResourceNames.Api)
    .WithReference(docsdb).WaitFor(docsdb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Collaboration__ServerSecret", collaborationSecret)
    // The installation's search language (english, french or simple): README, Search.
    .WithEnvironment("Search__Language", builder.Configuration["Search:Language"] ?? "english");
signIn.ValidatesTokens(api);

// Several instances serve the same documents through Redis (collab:Instances: running, 1 by default,
// each its own resource; published, 2 replicas of one). Browsers reach them at /collaboration/ws/.
var collabInstances = Math.Max(1, builder.Configuration.GetValue("collab:Instances", builder.ExecutionContext.IsPublishMode ? 2 : 1));
var collabs = Enumerable.Range(1, builder.ExecutionContext.IsPublishMode ? 1 : collabInstances)
    .Select(instance => builder.AddService<Projects.Docs_Collab>(instance == 1 ? ResourceNames.Collab : $"{ResourceNames.Collab}-{instance}")
        // Not after the API's migrations: a document is only opened once the API has created it, so Collab starts beside it.
        .WithReference(docsdb).WaitFor(docsdb)
        .WithReference(redis).WaitFor(redis)
        .WithEnvironment("Collaboration__ServerSecret", collaborationSecret)
        .WithPublicPath("/collaboration/ws/", longLived: true)
        .WithPublicPath("/collaboration/yws/", longLived: true)
        // Editors reconnect on their own: a crashed collaboration server is back within seconds.
        .WithRestartOnExit())
    .ToList();
if (builder.ExecutionContext.IsPublishMode)
{
    collabs[0].WithReplicas(collabInstances);
}

// The worker starts after the API, which applies the database migrations.
var worker = builder.AddService<Projects.Docs_Worker>(ResourceNames.Worker)
    .WithReference(docsdb).WaitFor(api)
    .WithReference(redis).WaitFor(redis)
    .WithMailPickup(builder);
// Attachments: a folder under the data directory (published, a shared volume) unless ConnectionStrings:blobs names a
// store (README, Attachments).
var blobs = builder.AddBlobStore(ResourceNames.Blobs);
api.WithReference(blobs);
worker.WithReference(blobs);
signIn.ValidatesTokens(worker);

// The web front starts beside the services it calls (it needs none of them to start); the summary
// waits for them all.
var web = builder.AddService<Projects.Docs_Web>(ResourceNames.Web, defaultPort: 8080)
    .AsEntryPoint()
    .WithReference(api)
    .WithReference(redis).WaitFor(redis)
    .PrintsSummaryWhenReady();
signIn.SignsUsersIn(web);
foreach (var collab in collabs)
{
    web.WithReference(collab);
    foreach (var (origin, index) in WebOrigins.Of(web, running: !builder.ExecutionContext.IsPublishMode).Select((origin, index) => (origin, index)))
    {
        collab.WithEnvironment($"Collaboration__AllowedOrigins__{index}", origin);
    }
}
worker.WithEnvironment("Mail__SiteUrl", web.GetEndpoint("http"));

builder.ApplyServiceSettings();
var app = builder.Build();
if (publishing is not null)
{
    return publishing.Run(app, builder.AppHostDirectory);
}
await app.RunAsync();
return 0;
