using Docs.Web.Authentication;
using Docs.Web.Components;
using Docs.Web.Gateway;
using Docs.Web.Security;
using Docs.Web.Ui;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDocsRedis();
builder.AddWebSignIn();
builder.AddGateway();
builder.AddUi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseUiLanguages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapAuthEndpoints();
app.MapUiLanguages();
app.MapGateway();
app.UseImmutableEditorFiles();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();
