"""Writes the pgbench scripts of the search benchmark: the API's search statement, read from its source
(Docs.Api/Features/Search/SearchQuery.cs and Docs.Core/Access/ReadableDocuments.cs, so that the benchmark measures the
statement the API runs), and the floor: the same full-text statement without the access filter.
Usage: queries.py OUT_DIR
"""
import os, re, sys

root = os.path.join(os.path.dirname(__file__), '..', '..')
out = sys.argv[1]
read = lambda p: open(os.path.join(root, p)).read()
search = re.search(r'private static readonly string Sql = \$"""\n(.*?)"""', read('Docs.Api/Features/Search/SearchQuery.cs'), re.S).group(1)
readable = re.search(r'CommonTableExpressions\(string userParameter\) => \$"""\n(.*?)"""', read('Docs.Core/Access/ReadableDocuments.cs'), re.S).group(1)
headline = re.search(r'HeadlineOptions = "(.*?)";', read('Docs.Api/Features/Search/Snippet.cs')).group(1)
window = int(re.search(r'SnippetWindow = (\d+);', read('Docs.Api/Features/Search/SearchQuery.cs')).group(1))
headline = headline.replace('\\uE000', '\ue000').replace('\\uE001', '\ue001').replace('\\"', '"')
readable = (readable.replace('{userParameter}', '$1').replace('{PathAfterSubtree}', 'a')
            .replace('{SelfAndAncestorPaths("x.path")}', 'ARRAY(SELECT left(x.path, n * 7) FROM generate_series(1, length(x.path) / 7) AS n)'))
sql = (search.replace('{ReadableDocuments.CommonTableExpressions("$1")}', readable.strip())
       .replace('{Document.StepLength}', '7').replace('{Snippet.HeadlineOptions}', headline)
       .replace('{SnippetWindow / 3}', str(window // 3)).replace('{SnippetWindow}', str(window)))
assert '{' not in sql, 'an interpolation the benchmark does not know: ' + sql[sql.index('{'):][:80]
# The floor: every document matches the access filter.
floor = re.sub(r'WITH .*?\n(\s*)query AS \(', r'WITH readable AS NOT MATERIALIZED (SELECT * FROM documents WHERE deleted_at IS NULL AND ancestors_deleted_at IS NULL),\n\1query AS (', sql, count=1, flags=re.S)
assert 'granted' not in floor

def script(statement, kind):
    user = "(SELECT id FROM bench_users WHERE n = :u)"
    word = f"(SELECT word FROM bench_words WHERE kind = '{kind}' AND n = :w)"
    if kind == 'prefix':
        websearch, prefix = "''", f"({word} || ':*')"
    else:
        websearch, prefix = word, "''"
    locate = "''" if kind == 'prefix' else f"lower({word})"
    s = (statement.replace('$10', locate).replace('$1', user).replace('$2', websearch).replace('$3', prefix).replace('$4', "''")
         .replace('$5::text', 'NULL::text').replace('$5', 'NULL::text').replace('$6::boolean', 'NULL::boolean').replace('$7::boolean', 'NULL::boolean').replace('$6', 'NULL::boolean').replace('$7', 'NULL::boolean').replace('$8', '20').replace('$9', '0'))
    return f"\\set u random(0, :users - 1)\n\\set w random(0, :words - 1)\n{' '.join(s.split())};\n"

for kind in ['common', 'rare', 'prefix']:
    open(os.path.join(out, f'search-{kind}.sql'), 'w').write(script(sql, kind))
    open(os.path.join(out, f'floor-{kind}.sql'), 'w').write(script(floor, kind))
