using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Docs.Core.Data.Migrations
{
    /// <summary>
    /// Full-text search: one row per document in <c>document_search</c> with its weighted <c>tsvector</c> (title A,
    /// headings B, body C), text search configurations that fold accents before stemming, the installation's language,
    /// triggers that index titles on write and mark content changes for Docs.Worker, and a trigram index on titles.
    /// Outside the EF model on purpose: only raw SQL reads and writes it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Both ship with PostgreSQL (contrib) and are trusted extensions: the database's owner may create them.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");

            // The language's stemmer after unaccent, so that "élève", "eleve" and "Élèves" meet.
            foreach (var (name, parser, stemmer) in new[] { ("docs_english", "english", "english_stem"), ("docs_french", "french", "french_stem"), ("docs_simple", "simple", "simple") })
            {
                migrationBuilder.Sql($"""
                    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parser});
                    ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, hword, hword_part, word WITH unaccent, {stemmer};
                    """);
            }

            // The installation's language (Search:Language, written by Docs.Api at start). Text, not regconfig: pg_upgrade refuses reg* columns.
            migrationBuilder.Sql("""
                CREATE TABLE search_settings (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    language text NOT NULL);
                INSERT INTO search_settings (language) VALUES ('docs_simple');
                CREATE FUNCTION docs_search_language() RETURNS regconfig LANGUAGE sql STABLE AS
                    $$ SELECT coalesce((SELECT language FROM search_settings), 'docs_simple')::regconfig $$;
                """);

            // content_version moves with every content change; Docs.Worker indexes rows whose indexed_version is behind it.
            migrationBuilder.Sql("""
                CREATE TABLE document_search (
                    document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
                    language text NOT NULL,
                    headings text NOT NULL DEFAULT '',
                    body text NOT NULL DEFAULT '',
                    content_vector tsvector NOT NULL DEFAULT '',
                    vector tsvector NOT NULL DEFAULT '',
                    content_version bigint NOT NULL DEFAULT 1,
                    indexed_version bigint NOT NULL DEFAULT 0);
                CREATE INDEX ix_document_search_vector ON document_search USING gin (vector);
                CREATE INDEX ix_document_search_stale ON document_search (document_id) WHERE indexed_version < content_version;
                CREATE INDEX ix_documents_title_trgm ON documents USING gin (title gin_trgm_ops);
                """);

            // A new or renamed document is searchable by its title at once; a new one waits for its content to be indexed.
            migrationBuilder.Sql("""
                CREATE FUNCTION docs_search_title() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    cfg regconfig := docs_search_language();
                BEGIN
                    INSERT INTO document_search AS s (document_id, language, vector)
                    VALUES (NEW.id, cfg::text, setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A'))
                    ON CONFLICT (document_id) DO UPDATE
                        SET vector = setweight(to_tsvector(s.language::regconfig, coalesce(NEW.title, '')), 'A') || s.content_vector;
                    IF TG_OP = 'INSERT' THEN
                        PERFORM pg_notify('docs_search', '');
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER documents_search_insert AFTER INSERT ON documents
                    FOR EACH ROW EXECUTE FUNCTION docs_search_title();
                CREATE TRIGGER documents_search_title AFTER UPDATE OF title ON documents
                    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION docs_search_title();
                """);

            // Content changes reach documents.content_updated_at (Docs.Collab's debounced edit times, PUT content/, folds):
            // mark the row and wake Docs.Worker (one notification per transaction).
            migrationBuilder.Sql("""
                CREATE FUNCTION docs_search_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE document_search SET content_version = content_version + 1 WHERE document_id = NEW.id;
                    PERFORM pg_notify('docs_search', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER documents_search_content AFTER UPDATE OF content_updated_at ON documents
                    FOR EACH ROW WHEN (OLD.content_updated_at IS DISTINCT FROM NEW.content_updated_at) EXECUTE FUNCTION docs_search_content_changed();
                """);

            // Backfill: every existing document's title now; its content when Docs.Worker starts (the rows are behind).
            migrationBuilder.Sql("""
                INSERT INTO document_search (document_id, language, vector)
                SELECT id, 'docs_simple', setweight(to_tsvector('docs_simple', coalesce(title, '')), 'A') FROM documents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER documents_search_content ON documents;
                DROP TRIGGER documents_search_title ON documents;
                DROP TRIGGER documents_search_insert ON documents;
                DROP FUNCTION docs_search_content_changed();
                DROP FUNCTION docs_search_title();
                DROP INDEX ix_documents_title_trgm;
                DROP TABLE document_search;
                DROP FUNCTION docs_search_language();
                DROP TABLE search_settings;
                DROP TEXT SEARCH CONFIGURATION docs_english;
                DROP TEXT SEARCH CONFIGURATION docs_french;
                DROP TEXT SEARCH CONFIGURATION docs_simple;
                """);
        }
    }
}
