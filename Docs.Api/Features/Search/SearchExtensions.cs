using Docs.Core.Data;
using Docs.Core.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Docs.Api.Features.Search;

public static class SearchExtensions
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        // Refuse a language we do not index at start, not at the first search.
        SearchLanguage.Configuration(builder.Configuration[SearchLanguage.SettingName]);
        builder.Services.AddScoped<SearchQuery>();
        return builder;
    }

    /// <summary>Records <c>Search:Language</c> in the database (after the migrations), where the index and the queries read it.</summary>
    public static async Task ApplySearchLanguageAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocsDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await SearchLanguage.ApplyAsync((NpgsqlConnection)db.Database.GetDbConnection(), app.Configuration[SearchLanguage.SettingName], CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
