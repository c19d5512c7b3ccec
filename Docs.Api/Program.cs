using System.Text.Json;
using System.Text.Json.Serialization;
using Docs.Api;
using Docs.Api.Authentication;
using Docs.Api.Features.Accesses;
using Docs.Api.Features.AskForAccess;
using Docs.Api.Features.Attachments;
using Docs.Api.Features.Collaboration;
using Docs.Api.Features.Config;
using Docs.Api.Features.Content;
using Docs.Api.Features.Documents;
using Docs.Api.Features.Invitations;
using Docs.Api.Features.Users;
using Docs.Api.Infrastructure;
using Docs.Core.Data;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDocsDbContext<DocsDbContext>(DocsDbContext.ConnectionName);
builder.AddDocsRedis();
builder.AddBearerAuthentication();
builder.AddDocsApi();
builder.AddAttachments();
builder.AddBadInputProblems();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
});

var app = builder.Build();

// The API owns the schema: migrate before serving (safe with several instances starting at once).
await using (var scope = app.Services.CreateAsyncScope())
{
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<DocsDbContext>());
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapOpenApi("/openapi/{documentName}.json");
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference("/scalar");
}

if (app.Configuration.GetValue("Bench:ConstantEndpoint", false))
{
    // The baseline of bench/api.sh: the cheapest answer this process can give, through the same pipeline.
    app.MapGet("/bench/constant", () => Results.Ok(new { ok = true })).ExcludeFromDescription();
}

app.MapGroup("/api/v1.0")
    .RefuseBadInput()
    .MapDocumentEndpoints()
    .MapTreeEndpoints()
    .MapTrashEndpoints()
    .MapMembershipEndpoints()
    .MapAccessEndpoints()
    .MapInvitationEndpoints()
    .MapAskForAccessEndpoints()
    .MapCollaborationEndpoints()
    .MapFormattedContentEndpoints()
    .MapConvertEndpoints()
    .MapMediaAuthEndpoints()
    .MapAttachmentEndpoints()
    .MapUserEndpoints()
    .MapConfigEndpoints();

app.MapMediaEndpoints();

await app.RunAsync();
