"""The site's search index, split so a search downloads only what it needs.

Material's search plugin cuts Chinese into jieba words and its worker ORs the parts of a query,
so `复议` misses pages that say `行政复议` and a Traditional query finds nothing. We keep its
search box, deep links (`/?q=…`) and result list, and replace what sits behind them: the worker
`assets/javascripts/casebook-search.js` matches every part of a query (split at spaces) as a
substring of a page's folded text. Folding is the same on both sides and maps one UTF-16 unit to
one unit, so matches can be marked in the original text: full-width Latin letters and digits to
ASCII, lower case, and Traditional → Simplified by a character table taken from OpenCC.

At ten thousand cases a single index would weigh megabytes, so the index is cut into files and
the worker fetches, relative to itself, only those a query needs:

- `search/search_index.json`, the bootstrap that Material's own script fetches and hands to the
  worker, holds only `config`: the fold table (`fold`) and a manifest
  (`chunks`: how many pieces and shards, the pages that span several pieces, and a version that
  keeps a browser from mixing files of two builds).
- `search/text/{n}.json`, piece n: a JSON list of documents `{location, title, text, boost?}`.
  A page is one piece, its own document first, unless it is longer than PIECE_CHARS: then its
  documents fill several pieces in a row, and a longer document is cut at spaces (a query part
  holds none, so no match is cut in two; the worker joins the parts again). Pieces are numbered
  in rank order: by the boost of the page, then in page order.
- `search/shards/{n}.bin`, the inverted index of folded text. Its keys are every character,
  every pair of adjacent characters, and every triple made of two common pairs (pairs in
  COMMON_PAIR pieces or more), within one title or one text and without white space; a key's
  postings are the pieces holding it. With h = FNV-1a-32 of its code points, key k lives in shard
  h mod S under the number h div S (keys of equal hash share the union of their postings, which
  are only candidates), S chosen so that a shard weighs about SHARD_BYTES. A shard is, in
  unsigned LEB128 varints: the number of keys; per key in ascending order, the gap from the
  previous number and (length << 2 | common << 1 | kind); then the keys' postings in that order,
  whichever of the two kinds is smaller: 0, the first piece and the gaps to the next; 1, a bitmap:
  the index f of its first byte, then bytes, bit b of byte i standing for piece 8·(f + i) + b.
  `common` marks a common pair, so the worker knows which triples are indexed.

A query looks up each part's pairs (its character, if it has one) and triples of common pairs:
pieces holding them all may hold the part. The worker then reads the pieces of the best-ranked
pages that may hold every part, keeps those that do, and stops once it has a page of results.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import itertools
import json
import math
import operator
import re
import shutil
from collections.abc import Container
from pathlib import Path

from .normalise import to_simplified

SEARCH_DIR = Path("search")
INDEX_PATH = SEARCH_DIR / "search_index.json"
SHARD_DIR, TEXT_DIR = "shards", "text"
SHARD_BYTES = 12 * 1024  # a key costs the download of its whole shard
# A pair in this many pieces or more is common. A triple of two common pairs is indexed too:
# pages holding each pair of 合法性审查 need not hold the word, and a query would read them all.
# A part with a rarer pair reads fewer pages than that.
COMMON_PAIR = 64
GAPS, BITMAP = 0, 1
PIECE_CHARS = 8000  # a long listing page is read only where a query may match
# What JavaScript's \s matches, where the worker splits a query into parts.
_JS_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Han blocks whose characters OpenCC may convert between Traditional and Simplified.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))


@functools.cache
def traditional_to_simplified() -> dict[str, str]:
    """Every Han character that OpenCC converts to one other character."""
    table = {}
    for start, end in _HAN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            simplified = to_simplified(char)
            if simplified != char and len(simplified) == 1:
                table[char] = simplified
    return table


def fold_table(texts: list[str]) -> str:
    """Pairs 'TSTS…' of the conversions whose Simplified side occurs in the indexed text.

    A Traditional character whose Simplified form is nowhere in the site cannot make a query
    match, so it is left out and the table stays as small as the site's vocabulary.
    """
    present = set("".join(texts))
    return "".join(t + s for t, s in sorted(traditional_to_simplified().items()) if s in present)


class Folder:
    """The worker's `fold`: per UTF-16 unit, so a character outside the BMP stays as it is."""

    def __init__(self, table: str):
        chars = list(table)
        # Pairs beyond the BMP are two units each in JavaScript; the worker skips them too.
        self.pairs = {t: s for t, s in zip(chars[::2], chars[1::2]) if t <= "\uffff" and s <= "\uffff"}
        self.mapping: dict[int, str] = {}

    def _fold_char(self, char: str) -> str:
        code = ord(char)
        if code > 0xFFFF:
            return char
        if 0xFF01 <= code <= 0xFF5E:
            char = chr(code - 0xFEE0)
        elif code == 0x3000:
            char = " "
        return self.pairs.get(char) or char.lower()

    def __call__(self, text: str) -> str:
        for char in set(text):
            if ord(char) not in self.mapping:
                self.mapping[ord(char)] = self._fold_char(char)
        return text.translate(self.mapping)


def folded_runs(piece: list[dict], fold: Folder) -> list[str]:
    """The folded titles and texts of a piece, cut at white space, where no query part reaches."""
    return [run for doc in piece for field in (doc["title"], doc["text"])
            for run in _JS_SPACE.split(fold(field)) if run]


def chars_and_pairs(run: str) -> set[str]:
    return set(run) | set(map(operator.add, run, run[1:]))


def common_triples(run: str, common_pairs: Container[str]) -> set[str]:
    """The triples of a run made of two pairs that are both in `common_pairs`."""
    pairs = list(map(operator.add, run, run[1:]))
    common = list(map(common_pairs.__contains__, pairs))
    return set(itertools.compress(map(operator.add, pairs, run[2:]), map(operator.and_, common, common[1:])))


def key_hash(key: str) -> int:
    """FNV-1a (32 bits) over the key's code points, as the worker computes it."""
    hash_ = 0x811C9DC5
    for char in key:
        hash_ = ((hash_ ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return hash_


@functools.cache
def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def encode_postings(pieces: list[int]) -> tuple[int, bytes]:
    """(kind, bytes) of a sorted list of piece numbers: gaps or a bitmap, whichever is smaller."""
    gaps = [pieces[0], *map(operator.sub, pieces[1:], pieces)]
    first_byte, last_byte = pieces[0] >> 3, pieces[-1] >> 3
    bitmap_size = len(varint(first_byte)) + last_byte - first_byte + 1
    if bitmap_size >= len(pieces):  # else gaps, at least a byte each, are larger
        encoded = b"".join(map(varint, gaps))
        if len(encoded) <= bitmap_size:
            return GAPS, encoded
    bitmap = bytearray(last_byte - first_byte + 1)
    for piece in pieces:
        bitmap[(piece >> 3) - first_byte] |= 1 << (piece & 7)
    return BITMAP, varint(first_byte) + bytes(bitmap)


class _Postings:
    """Pieces by key hash. Keys of equal hash share (the union of) their pieces: a query reads
    candidates from them, never answers, so a collision costs nothing but a little reading."""

    def __init__(self):
        self.pieces: dict[int, list[int]] = {}

    def add(self, pieces_by_key: dict[str, list[int]]) -> dict[str, int]:
        """Adds the keys' pieces; returns the keys' hashes."""
        hashes = {}
        for key, pieces in pieces_by_key.items():
            hashes[key] = hash_ = key_hash(key)
            known = self.pieces.get(hash_)
            self.pieces[hash_] = sorted(set(known) | set(pieces)) if known else pieces
        return hashes


def pieces_by_key(runs_by_piece: list[list[str]], keys_of) -> dict[str, list[int]]:
    postings = collections.defaultdict(list)
    for number, runs in enumerate(runs_by_piece):
        keys = set().union(*map(keys_of, runs))
        # postings[key].append(number) for every key, looped in C: the slowest step of a large build
        collections.deque(map(list.append, map(postings.__getitem__, keys), itertools.repeat(number)), maxlen=0)
    return postings


def build_postings(runs_by_piece: list[list[str]]) -> tuple[_Postings, set[int]]:
    """Postings of every character and pair, and of the triples made of two common pairs; with
    the hashes of the common pairs, which the worker learns from a flag on their postings."""
    postings = _Postings()
    hashes = postings.add(pieces_by_key(runs_by_piece, chars_and_pairs))
    common = {key: hash_ for key, hash_ in hashes.items()
              if len(key) == 2 and len(postings.pieces[hash_]) >= COMMON_PAIR}
    postings.add(pieces_by_key(runs_by_piece, lambda run: common_triples(run, common)))
    return postings, set(common.values())


def encode_shards(postings: _Postings, flagged: set[int]) -> list[bytes]:
    """Shard files about SHARD_BYTES each: key hash h lives in shard h mod count, under h div count."""
    entries = {hash_: encode_postings(pieces) for hash_, pieces in postings.pieces.items()}
    count = max(1, math.ceil(sum(4 + len(data) for _, data in entries.values()) / SHARD_BYTES))
    shards = [[] for _ in range(count)]
    for hash_ in sorted(entries):
        shards[hash_ % count].append(hash_)
    return [encode_shard([(hash_ // count, hash_ in flagged, *entries[hash_]) for hash_ in shard])
            for shard in shards]


def encode_shard(entries: list[tuple[int, bool, int, bytes]]) -> bytes:
    """count; per key (ascending): the gap from the previous key, (bytes << 2 | common << 1 | kind);
    then the postings in that order."""
    directory, previous = [varint(len(entries))], 0
    for key, common, kind, data in entries:
        directory += [varint(key - previous), varint(len(data) << 2 | common << 1 | kind)]
        previous = key
    return b"".join(directory + [data for *_, data in entries])


def _cut_at_spaces(text: str, limit: int) -> list[str]:
    """Text cut into runs of at most `limit` characters where a space allows (the space is dropped)."""
    runs, start = [], 0
    while len(text) - start > limit:
        cut = text.rfind(" ", start + 1, start + limit + 1)
        if cut == -1:
            cut = text.find(" ", start + limit)
            if cut == -1:
                break
        runs.append(text[start:cut])
        start = cut + 1
    return runs + [text[start:]]


def page_pieces(docs: list[dict]) -> list[list[dict]]:
    """A page's documents in pieces of about PIECE_CHARS characters; a long document in parts
    with its location and title, which the worker joins again with a space."""
    pieces, piece, size = [], [], 0
    for doc in docs:
        for text in _cut_at_spaces(doc["text"], max(1, PIECE_CHARS - len(doc["title"]))):
            part = {**doc, "text": text}
            weight = len(part["title"]) + len(text)
            if piece and size + weight > PIECE_CHARS:
                pieces.append(piece)
                piece, size = [], 0
            piece.append(part)
            size += weight
    return pieces + [piece]


def pages_in_rank_order(docs: list[dict]) -> list[list[dict]]:
    """Docs grouped by page, pages ordered by the boost of the page's own doc, then page order."""
    pages: dict[str, list[dict]] = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    return sorted(pages.values(), key=lambda page: -(page[0].get("boost") or 1))


def _write_files(folder: Path, suffix: str, contents, version) -> int:
    """`folder` holding exactly the files 0{suffix}, 1{suffix}… of `contents` (whatever an earlier
    build left there goes); adds them to the `version` hash and returns their size."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    size = 0
    for number, data in enumerate(contents):
        (folder / f"{number}{suffix}").write_bytes(data)
        version.update(data)
        size += len(data)
    return size


def write_search_index(site_dir: Path, docs: list[dict]) -> dict:
    """Write the search index for `docs` ({location, title, text, boost?} in page order, each
    page's own doc first) under `site_dir`/search; returns its figures."""
    table = fold_table([doc["title"] + doc["text"] for doc in docs])
    pages = [page_pieces(page) for page in pages_in_rank_order(docs)]
    pieces = [piece for page in pages for piece in page]
    search, version = site_dir / SEARCH_DIR, hashlib.sha256()
    texts = (json.dumps(piece, ensure_ascii=False, separators=(",", ":")).encode() for piece in pieces)
    text_bytes = _write_files(search / TEXT_DIR, ".json", texts, version)
    fold = Folder(table)
    shards = encode_shards(*build_postings([folded_runs(piece, fold) for piece in pieces]))
    shard_bytes = _write_files(search / SHARD_DIR, ".bin", shards, version)
    firsts = itertools.accumulate((len(page) for page in pages), initial=0)
    manifest = {
        "version": version.hexdigest()[:16], "pieces": len(pieces), "shards": len(shards),
        "long_pages": [[first, len(page)] for first, page in zip(firsts, pages) if len(page) > 1],
    }
    config = {"fold": table, "chunks": manifest}
    bootstrap = json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")).encode()
    (site_dir / INDEX_PATH).write_bytes(bootstrap)
    return {
        "pages": len(pages), "docs": len(docs), "shards": len(shards),
        "bootstrap_bytes": len(bootstrap), "total_bytes": len(bootstrap) + text_bytes + shard_bytes,
    }

