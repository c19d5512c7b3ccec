using Docs.Identity;
using Docs.Identity.Endpoints;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDevIdentityProvider();
builder.Services.AddProblemDetails();

var app = builder.Build();
var realmPath = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.RealmPath;

// Keycloak's layout: everything of the realm under /realms/{realm}, which OpenIddict and the routes see as the base path.
app.UsePathBase(realmPath);
app.UseRouting();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapProtocolEndpoints();
app.MapSignInPage();

await app.RunAsync();
