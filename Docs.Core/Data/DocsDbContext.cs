using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Data;

/// <summary>The PostgreSQL schema of Docs, owned by Docs.Api (which applies its migrations).</summary>
public sealed class DocsDbContext(DbContextOptions<DocsDbContext> options) : DbContext(options)
{
    public const string ConnectionName = "docsdb";
}
