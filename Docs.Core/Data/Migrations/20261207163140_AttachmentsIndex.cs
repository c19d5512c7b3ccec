using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docs.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttachmentsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_documents_attachments",
                table: "documents",
                column: "attachments")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_documents_attachments",
                table: "documents");
        }
    }
}
