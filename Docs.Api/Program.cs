using Docs;
using Docs.Api;
using Docs.Api.Authentication;
using Docs.Api.Features.Accesses;
using Docs.Api.Features.AskForAccess;
using Docs.Api.Features.Attachments;
using Docs.Api.Features.Collaboration;
using Docs.Api.Features.Config;
using Docs.Api.Features.Content;
using Docs.Api.Features.Content.Import;
using Docs.Api.Features.Documents;
using Docs.Api.Features.Invitations;
using Docs.Api.Features.Search;
using Docs.Api.Features.Users;
using Docs.Api.Infrastructure;
using Docs.Core.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDocsDbContext<DocsDbContext>(ResourceNames.DocsDatabase);
builder.AddDocsRedis();
builder.AddBearerAuthentication();
builder.AddDocsApi();
builder.AddAttachments();
builder.AddContentExports();
builder.AddSearch();
builder.AddBadInputProblems();
builder.AddApiDocumentAndJson();

var app = builder.Build();

await app.MigrateDatabaseAsync();
await app.ApplySearchLanguageAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapApiDocument();
app.MapBenchBaseline();

app.MapGroup("/api/v1.0")
    .RefuseBadInput()
    .DescribePipelineRefusals()
    .MapSearchEndpoints()
    .MapDocumentEndpoints()
    .MapTreeEndpoints()
    .MapTrashEndpoints()
    .MapFavoriteEndpoints()
    .MapLinkConfigurationEndpoints()
    .MapLeaveEndpoints()
    .MapAccessEndpoints()
    .MapInvitationEndpoints()
    .MapAskForAccessEndpoints()
    .MapCollaborationEndpoints()
    .MapFormattedContentEndpoints()
    .MapConvertEndpoints()
    .MapImportEndpoints()
    .MapMediaAuthEndpoints()
    .MapMediaCheckEndpoints()
    .MapAttachmentEndpoints()
    .MapUserEndpoints()
    .MapConfigEndpoints();

app.MapMediaEndpoints();

await app.RunAsync();
