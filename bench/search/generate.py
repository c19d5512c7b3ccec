"""Generates the search benchmark's data set as COPY files: users, documents in trees with sharing, and their text.

Text is real prose from tests/data/editing-traces (CC BY 4.0, see its README): the final text of the automerge paper,
a blog post and a chat, cut into sentences and drawn at random into documents of 1 to 50 KiB (log-uniform). Made-up names
(a long tail) are sprinkled in, as real documents have words that few others have. Also writes the benchmark's query words: common (in many documents), rare (in a few) and prefixes.
Usage: generate.py OUT_DIR DOCUMENTS USERS SEED
"""
import gzip, json, math, os, random, re, sys, uuid
from collections import Counter

out, documents, users, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(seed)
traces = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'data', 'editing-traces')
text = ' '.join(json.load(gzip.open(os.path.join(traces, f + '.json.gz')))['endContent']
                for f in ['automerge-paper', 'seph-blog1', 'friendsforever_flat'])
text = re.sub(r'\\[a-zA-Z]+|[{}$%\\]', ' ', text)  # LaTeX commands are not prose
sentences = [s.strip() for s in re.split(r'(?<=[.!?])\s+|\n\s*\n', text) if len(s.split()) >= 4]

ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
def step(n):
    s = ''
    for _ in range(7):
        s = ALPHABET[n % 36] + s
        n //= 36
    return s

def esc(value):
    if value is None:
        return '\\N'
    return str(value).replace('\\', '\\\\').replace('\t', ' ').replace('\n', '\\n').replace('\r', ' ')

def row(*values):
    return '\t'.join(esc(v) for v in values) + '\n'

user_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(users)]
with open(os.path.join(out, 'users.tsv'), 'w') as f:
    for i, u in enumerate(user_ids):
        f.write(row(u, f'bench-{i}', f'user{i}@bench.example', f'User {i}', f'User', 'en-us', 'UTC', 't', 'f', 'f',
                    '2025-01-01 00:00:00+00', '2025-01-01 00:00:00+00'))

# Trees: each user owns roots with children and grandchildren (about 10 documents a tree).
docs = []  # (id, path, depth, owner, reach, deleted)
roots = []
root_index = 0
while len(docs) < documents:
    owner = rng.randrange(users)
    root_index += 1
    path = step(root_index)
    reach = rng.choices(['restricted', 'authenticated', 'public'], [90, 5, 5])[0]
    root = (uuid.UUID(int=rng.getrandbits(128), version=4), path, 1, owner, reach)
    docs.append(root)
    roots.append(root)
    for c in range(rng.randrange(0, 5)):
        if len(docs) >= documents:
            break
        child = (uuid.UUID(int=rng.getrandbits(128), version=4), path + step(c + 1), 2, owner, 'restricted')
        docs.append(child)
        for g in range(rng.randrange(0, 3)):
            if len(docs) >= documents:
                break
            docs.append((uuid.UUID(int=rng.getrandbits(128), version=4), child[1] + step(g + 1), 3, owner, 'restricted'))

SYLLABLES = [c + v for c in 'bcdfgklmnprstvz' for v in 'aeiou']
def tail_word():
    rank = int(math.exp(rng.uniform(0, math.log(200000))))  # log-uniform rank: frequency about 1/rank
    r = random.Random(rank)
    return ''.join(r.choice(SYLLABLES) for _ in range(3 + rank % 2))

children = Counter(d[1][:-7] for d in docs if d[2] > 1)
document_frequency = Counter()
with open(os.path.join(out, 'documents.tsv'), 'w') as f, open(os.path.join(out, 'texts.tsv'), 'w') as t:
    for (id, path, depth, owner, reach) in docs:
        created = f'2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d} 10:00:00+00'
        updated = f'2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d} 10:00:00+00'
        deleted = updated if rng.random() < 0.01 else None
        title = ' '.join(rng.choice(sentences).split()[:rng.randrange(2, 7)]).strip('.,;:')
        f.write(row(id, title, None, reach, 'reader', user_ids[owner], path, depth, children.get(path, 0), created, updated,
                    deleted, None, None, '{}', None, updated))
        size = int(math.exp(rng.uniform(math.log(1024), math.log(50 * 1024))))
        body, length = [], 0
        start = rng.randrange(len(sentences))
        while length < size:
            # Runs of consecutive sentences read like prose; jumps vary the documents.
            sentence = sentences[start % len(sentences)] if rng.random() < 0.8 else rng.choice(sentences)
            start += 1
            body.append(sentence)
            length += len(sentence) + 1
        # The long tail real documents have (names, places, codes), which three texts cannot give: made-up words
        # drawn from a Zipf-like distribution, a few per kilobyte.
        for _ in range(max(1, size // 1024)):
            body.insert(rng.randrange(len(body) + 1), f'{tail_word()} {tail_word()}.')
        headings = [' '.join(rng.choice(sentences).split()[:5]) for _ in range(rng.randrange(1, 4))]
        document_frequency.update(set(re.findall(r'[a-z]{4,}', ' '.join(body).lower())))
        t.write(row(id, '\n'.join(headings), '\n'.join(body)))

# Sharing: each user is given 10 other users' trees and 5 of their sub-trees, and opened 5 links.
with open(os.path.join(out, 'accesses.tsv'), 'w') as f:
    for (id, path, depth, owner, reach) in roots:
        f.write(row(uuid.UUID(int=rng.getrandbits(128), version=4), id, user_ids[owner], 'owner', '2025-01-01 00:00:00+00', '2025-01-01 00:00:00+00'))
    nested = [d for d in docs if d[2] == 2]
    for u in range(users):
        shared = set()
        for d in rng.sample(roots, min(10, len(roots))) + rng.sample(nested, min(5, len(nested))):
            if d[3] != u and d[0] not in shared:
                shared.add(d[0])
                f.write(row(uuid.UUID(int=rng.getrandbits(128), version=4), d[0], user_ids[u], rng.choice(['reader', 'editor']),
                            '2025-01-01 00:00:00+00', '2025-01-01 00:00:00+00'))
open_roots = [d for d in roots if d[4] != 'restricted']
with open(os.path.join(out, 'traces.tsv'), 'w') as f:
    for u in range(users):
        for d in rng.sample(open_roots, min(5, len(open_roots))):
            f.write(row(uuid.UUID(int=rng.getrandbits(128), version=4), d[0], user_ids[u], '2025-01-01 00:00:00+00'))

# Query words: common (in 5-30% of documents), rare (in 0.05-0.2%), and prefixes of common words.
n = len(docs)
common = [w for w, c in document_frequency.items() if 0.05 * n <= c <= 0.3 * n]
rare = [w for w, c in document_frequency.items() if 0.0005 * n <= c <= 0.002 * n] or [w for w, c in document_frequency.items() if c <= 3]
rng.shuffle(common)
rng.shuffle(rare)
with open(os.path.join(out, 'words.tsv'), 'w') as f:
    for i, w in enumerate(common[:100]):
        f.write(row('common', i, w))
        f.write(row('prefix', i, w[:4]))
    for i, w in enumerate(rare[:100]):
        f.write(row('rare', i, w))
print(f'{n} documents ({sum(1 for _ in open(os.path.join(out, "texts.tsv")))} texts), {users} users, '
      f'{len(roots)} trees, {len(common)} common and {len(rare)} rare words', file=sys.stderr)
