using Docs.AppHost;
using Docs.Hosting;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var docsdb = postgres.AddDatabase("docsdb", databaseName: "docs");
var redis = builder.AddRedis("redis");
var collaborationSecret = builder.AddParameter("collaboration-secret", secret: true, generated: true);

// Docs.Identity in development; Keycloak (or another OpenID Connect provider) when Identity:Authority is set.
var signIn = SignIn.Add(builder, postgres);

var api = builder.AddProject<Projects.Docs_Api>("api")
    .WithReference(docsdb).WaitFor(docsdb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Collaboration__ServerSecret", collaborationSecret);
signIn.ValidatesTokens(api);

var collab = builder.AddProject<Projects.Docs_Collab>("collab")
    .WithReference(docsdb).WaitFor(docsdb)
    .WithReference(redis).WaitFor(redis)
    .WithEnvironment("Collaboration__ServerSecret", collaborationSecret);

// The worker starts after the API, which applies the database migrations.
var worker = builder.AddProject<Projects.Docs_Worker>("worker")
    .WithReference(docsdb).WaitFor(api)
    .WithReference(redis).WaitFor(redis)
    .WithMailPickup(builder);
signIn.ValidatesTokens(worker);

var web = builder.AddProject<Projects.Docs_Web>("web")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("web:Port", 8080))
    .AsEntryPoint()
    .WithReference(api).WaitFor(api)
    .WithReference(collab).WaitFor(collab)
    .WithReference(redis).WaitFor(redis);
signIn.SignsUsersIn(web);
worker.WithEnvironment("Mail__SiteUrl", web.Resource.HttpEndpoint);

await builder.Build().RunAsync();
