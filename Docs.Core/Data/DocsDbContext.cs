using System.Text;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Docs.Core.Data;

/// <summary>The PostgreSQL schema of Docs, owned by Docs.Api (which applies its migrations).</summary>
public sealed class DocsDbContext(DbContextOptions<DocsDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Document> Documents => Set<Document>();

    public DbSet<DocumentAccess> DocumentAccesses => Set<DocumentAccess>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<DocumentAskForAccess> DocumentAskForAccesses => Set<DocumentAskForAccess>();

    public DbSet<DocumentFavorite> DocumentFavorites => Set<DocumentFavorite>();

    public DbSet<LinkTrace> LinkTraces => Set<LinkTrace>();

    public DbSet<DocumentUpdate> DocumentUpdates => Set<DocumentUpdate>();

    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();

    public DbSet<AttachmentScan> AttachmentScans => Set<AttachmentScan>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as the lower-case words of the API ("reader", "public"), not numbers.
        configurationBuilder.Properties<Role>().HaveConversion<LowerCaseEnumConverter<Role>>();
        configurationBuilder.Properties<LinkReach>().HaveConversion<LowerCaseEnumConverter<LinkReach>>();
        configurationBuilder.Properties<LinkRole>().HaveConversion<LowerCaseEnumConverter<LinkRole>>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(user =>
        {
            user.HasIndex(u => u.Sub).IsUnique();
            user.HasIndex(u => u.Email);
        });

        modelBuilder.Entity<Document>(document =>
        {
            // Byte order ("C" collation) keeps a subtree contiguous; text_pattern_ops serves prefix searches.
            document.Property(d => d.Path).HasMaxLength(Document.StepLength * 255).UseCollation("C");
            document.HasIndex(d => d.Path).IsUnique().HasOperators("text_pattern_ops");
            document.HasOne(d => d.Creator).WithMany().HasForeignKey(d => d.CreatorId).OnDelete(DeleteBehavior.SetNull);
            document.HasIndex(d => d.DeletedAt);
            // Serving /media/{key} looks up the documents holding the key (attachments @> ARRAY[key]).
            document.HasIndex(d => d.Attachments).HasMethod("gin");
        });

        modelBuilder.Entity<AttachmentScan>(scan => scan.HasKey(s => s.Key));

        modelBuilder.Entity<DocumentAccess>(access =>
        {
            access.HasIndex(a => new { a.DocumentId, a.UserId }).IsUnique();
            access.HasIndex(a => a.UserId);
            access.HasOne(a => a.Document).WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
            access.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.HasIndex(i => new { i.Email, i.DocumentId }).IsUnique();
            invitation.HasOne(i => i.Document).WithMany().HasForeignKey(i => i.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentAskForAccess>(ask =>
        {
            ask.HasIndex(a => new { a.DocumentId, a.UserId }).IsUnique();
            ask.HasOne<Document>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);
            ask.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentFavorite>(favorite =>
        {
            favorite.HasIndex(f => new { f.UserId, f.DocumentId }).IsUnique();
            favorite.HasOne<Document>().WithMany().HasForeignKey(f => f.DocumentId).OnDelete(DeleteBehavior.Cascade);
            favorite.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<LinkTrace>(trace =>
        {
            trace.HasIndex(t => new { t.UserId, t.DocumentId }).IsUnique();
            trace.HasOne<Document>().WithMany().HasForeignKey(t => t.DocumentId).OnDelete(DeleteBehavior.Cascade);
            trace.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentUpdate>(update =>
        {
            update.Property(u => u.Id).UseIdentityAlwaysColumn();
            update.HasIndex(u => new { u.DocumentId, u.Id });
            update.HasOne<Document>().WithMany().HasForeignKey(u => u.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DocumentVersion>(version =>
        {
            version.HasIndex(v => new { v.DocumentId, v.CreatedAt });
            version.HasOne<Document>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        UseSnakeCase(modelBuilder);
    }

    /// <summary>snake_case tables (plural, as DbSets name them), columns, keys and indexes.</summary>
    private static void UseSnakeCase(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
        value => value.ToString().ToLowerInvariant(),
        text => Enum.Parse<TEnum>(text, true))
        where TEnum : struct, Enum;
}
