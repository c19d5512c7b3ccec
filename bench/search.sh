#!/usr/bin/env bash
# Full-text search under load: the API's search statement (access filter inside) against the same full-text
# statement without the access filter (the floor), at concurrency 16 with pgbench, on a PostgreSQL of its own
# (the machine's, from /usr/lib/postgresql) with the schema of the EF migrations and a generated data set.
# Arguments: documents (20000), seconds per scenario (20). Needs python3 and PostgreSQL's pgbench.
set -euo pipefail
cd "$(dirname "$0")/.."
documents="${1:-20000}"
seconds="${2:-20}"
users=1000
clients=16
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
work="$(mktemp -d /tmp/docs-search-bench.XXXXXX)"
chmod 755 "$work"
port=55439
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
cleanup() { as_pg "$bin/pg_ctl -D $work/data -m immediate stop" >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

echo "Schema (the EF migrations as SQL)…" >&2
dotnet build Docs.Core -nologo -v:quiet >/dev/null
dotnet tool restore >/dev/null
dotnet tool run dotnet-ef migrations script --project Docs.Core --startup-project Docs.Core --no-build -o "$work/schema.sql" >/dev/null

echo "PostgreSQL of its own…" >&2
as_pg "$bin/initdb -D $work/data -A trust -U postgres" >/dev/null
as_pg "$bin/pg_ctl -D $work/data -l $work/postgres.log -o \"-p $port -k $work -c listen_addresses= -c shared_buffers=256MB -c max_connections=50\" start" >/dev/null
psql=(psql -q -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U postgres)
"${psql[@]}" -c "CREATE DATABASE docs"
"${psql[@]}" -d docs -f "$work/schema.sql" >/dev/null
"${psql[@]}" -d docs -c "UPDATE search_settings SET language = 'docs_english'"

echo "Data: $documents documents, $users users…" >&2
python3 bench/search/generate.py "$work" "$documents" "$users" 42
start=$(date +%s)
"${psql[@]}" -d docs <<SQL
\copy users (id, sub, email, full_name, short_name, language, timezone, is_active, is_staff, is_first_connection, created_at, updated_at) FROM '$work/users.tsv'
\copy documents (id, title, excerpt, link_reach, link_role, creator_id, path, depth, num_child, created_at, updated_at, deleted_at, ancestors_deleted_at, duplicated_from_id, attachments, content, content_updated_at) FROM '$work/documents.tsv'
\copy document_accesses (id, document_id, user_id, role, created_at, updated_at) FROM '$work/accesses.tsv'
\copy link_traces (id, document_id, user_id, created_at) FROM '$work/traces.tsv'
UPDATE documents c SET ancestors_deleted_at = p.deleted_at FROM documents p WHERE p.deleted_at IS NOT NULL AND starts_with(c.path, p.path) AND c.path <> p.path;
CREATE TEMP TABLE texts (id uuid, headings text, body text);
\copy texts FROM '$work/texts.tsv'
-- What Docs.Worker's SearchIndexing writes, for every document at once.
UPDATE document_search s
SET language = v.cfg::text, headings = v.headings, body = v.body, content_vector = v.content, vector = v.title || v.content, indexed_version = s.content_version
FROM (SELECT t.id, t.headings, t.body, cfg, setweight(to_tsvector(cfg, coalesce(d.title, '')), 'A') AS title,
             setweight(to_tsvector(cfg, t.headings), 'B') || setweight(to_tsvector(cfg, t.body), 'C') AS content
      FROM texts t JOIN documents d ON d.id = t.id CROSS JOIN docs_search_language() AS cfg) v
WHERE s.document_id = v.id;
CREATE TABLE bench_users AS SELECT (row_number() OVER (ORDER BY id)) - 1 AS n, id FROM users;
CREATE TABLE bench_words (kind text, n int, word text);
\copy bench_words FROM '$work/words.tsv'
CREATE INDEX ON bench_users (n); CREATE INDEX ON bench_words (kind, n);
VACUUM ANALYZE;
SQL
echo "Loaded and indexed in $(( $(date +%s) - start )) s; $("${psql[@]}" -d docs -Atc "SELECT pg_size_pretty(sum(octet_length(body))) FROM document_search") of text, index $("${psql[@]}" -d docs -Atc "SELECT pg_size_pretty(pg_relation_size('ix_document_search_vector'))")" >&2

python3 bench/search/queries.py "$work"
printf '| query | search p50 | search p99 | search tps | floor p50 | floor p99 | floor tps | p99 ratio |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for kind in common rare prefix; do
  words=$("${psql[@]}" -d docs -Atc "SELECT count(*) FROM bench_words WHERE kind = '$kind'")
  declare -A p50 p99 tps
  for variant in search floor; do
    rm -f "$work"/log-*
    as_pg "cd $work && $bin/pgbench -n -M prepared -h $work -p $port -U postgres -c $clients -j 2 -T $seconds -D users=$users -D words=$words -f $work/$variant-$kind.sql --log --log-prefix=$work/log docs" > "$work/pgbench.out" 2>&1 \
      || { cat "$work/pgbench.out" >&2; exit 1; }
    tps[$variant]=$(grep -o 'tps = [0-9.]*' "$work/pgbench.out" | head -n 1 | cut -d' ' -f3)
    cat "$work"/log* | awk '{print $3}' | sort -n > "$work/latencies"
    total=$(wc -l < "$work/latencies")
    p50[$variant]=$(awk -v n="$total" 'NR == int(n * 0.50) + 1 { printf "%.1f ms", $1 / 1000 }' "$work/latencies")
    p99[$variant]=$(awk -v n="$total" 'NR == int(n * 0.99) + 1 { printf "%.1f ms", $1 / 1000 }' "$work/latencies")
  done
  ratio=$(awk -v a="${p99[search]% ms}" -v b="${p99[floor]% ms}" 'BEGIN { printf "%.2f", a / b }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$kind" "${p50[search]}" "${p99[search]}" "${tps[search]%.*}" "${p50[floor]}" "${p99[floor]}" "${tps[floor]%.*}" "$ratio"
done
