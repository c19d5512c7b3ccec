using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Docs.Core.Data;

/// <summary>
/// For <c>dotnet ef migrations add</c> only: migrations are generated without a database, so the
/// connection string is a placeholder that is never opened.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DocsDbContext>
{
    public DocsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DocsDbContext>().UseNpgsql("Host=localhost;Database=docs_design").Options);
}
