using Docs.AppHost;
using Docs.Hosting;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var docsdb = postgres.AddDatabase("docsdb", databaseName: "docs");
var redis = builder.AddRedis("redis");
var collaborationSecret = builder.AddParameter("collaboration-secret", secret: true, generated: true);

var identity = builder.AddProject<Projects.Docs_Identity>("identity")
    .WithDevUsers(builder.Configuration.GetSection("DevUsers"));

var api = builder.AddProject<Projects.Docs_Api>("api")
    .WithReference(docsdb).WaitFor(docsdb)
    .WithReference(redis).WaitFor(redis)
    .WithReference(identity).WaitFor(identity)
    .WithEnvironment("Collaboration__ServerSecret", collaborationSecret);

var collab = builder.AddProject<Projects.Docs_Collab>("collab")
    .WithReference(docsdb).WaitFor(docsdb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Collaboration__ServerSecret", collaborationSecret);

// The worker starts after the API, which applies the database migrations.
builder.AddProject<Projects.Docs_Worker>("worker")
    .WithReference(docsdb).WaitFor(api)
    .WithReference(redis).WaitFor(redis);

builder.AddProject<Projects.Docs_Web>("web")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("web:Port", 8080))
    .AsEntryPoint()
    .WithReference(api).WaitFor(api)
    .WithReference(collab).WaitFor(collab)
    .WithReference(identity).WaitFor(identity);

await builder.Build().RunAsync();
