using Docs.Core.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<DocsDbContext>(DocsDbContext.ConnectionName);
builder.AddRedisClient("redis");
builder.Services.AddProblemDetails();

var app = builder.Build();

// The API owns the schema: migrate before serving (safe with several instances starting at once).
await using (var scope = app.Services.CreateAsyncScope())
{
    await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<DocsDbContext>());
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();

await app.RunAsync();
