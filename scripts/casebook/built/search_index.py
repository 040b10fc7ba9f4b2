"""The site's search index, split so a search downloads only what it needs.

Material's search plugin cuts Chinese into jieba words and its worker ORs the parts of a query,
so `复议` misses pages that say `行政复议` and a Traditional query finds nothing. We keep its
search box, deep links (`/?q=…`) and result list, and replace what sits behind them: the worker
`assets/javascripts/casebook-search.js` matches every part of a query (split at spaces) as a
substring of a page's folded text. Folding is the same on both sides and maps one UTF-16 unit to
one unit, so matches can be marked in the original text: full-width Latin letters and digits to
ASCII, lower case (where it is one unit: İ stays), and Traditional → Simplified by a character
table taken from OpenCC.

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
pages that may hold every part and keeps those that do; it answers once it has a screen of
results, and again once it has a page of them.

The postings are built in numpy arrays, a batch of pieces at a time (see build_postings), so the
time and memory this takes grow with the size of the site, not faster.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from casebook.core.text_rules import HAN_RANGES
from casebook.sources.normalise import to_simplified

SEARCH_DIR = Path("search")
INDEX_PATH = SEARCH_DIR / "search_index.json"
SHARD_DIR, TEXT_DIR = "shards", "text"
SHARD_BYTES = 12 * 1024  # a key costs the download of its whole shard
# A pair in this many pieces or more is common. A triple of two common pairs is indexed too:
# pages holding each pair of 合法性审查 need not hold the word, and a query would read them all.
# A part with a rarer pair reads fewer pages than that.
COMMON_PAIR = 64
PIECE_CHARS = 8000  # a long listing page is read only where a query may match
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193  # FNV-1a, 32 bits
BATCH = 1 << 18  # characters hashed, or pieces encoded, at once: bounds the memory this takes
# What JavaScript's \s matches, where the worker splits a query into parts.
_JS_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
# Han blocks whose characters OpenCC may convert between Traditional and Simplified.


@functools.cache
def traditional_to_simplified() -> dict[str, str]:
    """Every Han character that OpenCC converts to one other character."""
    table = {}
    for start, end in HAN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            simplified = to_simplified(char)
            if simplified != char and len(simplified) == 1:
                table[char] = simplified
    return table


def fold_table(texts: Iterable[str]) -> str:
    """Pairs 'TSTS…' of the conversions whose Simplified side occurs in the indexed text.

    A Traditional character whose Simplified form is nowhere in the site cannot make a query
    match, so it is left out and the table stays as small as the site's vocabulary.
    """
    present = set()
    for text in texts:
        present.update(text)
    return "".join(t + s for t, s in sorted(traditional_to_simplified().items()) if s in present)


class Folder:
    """The worker's `fold`: per UTF-16 unit, so a character outside the BMP stays as it is."""

    def __init__(self, table: str):
        chars = list(table)
        # Pairs beyond the BMP are two units each in JavaScript; the worker skips them too.
        self.pairs = {t: s for t, s in zip(chars[::2], chars[1::2]) if t <= "\uffff" and s <= "\uffff"}
        self.mapping: dict[int, str] = {}
        self.known: set[str] = set()  # the characters in `mapping`

    def _fold_char(self, char: str) -> str:
        code = ord(char)
        if code > 0xFFFF:
            return char
        if 0xFF01 <= code <= 0xFF5E:
            char = chr(code - 0xFEE0)
        elif code == 0x3000:
            char = " "
        if char in self.pairs:
            return self.pairs[char]
        # One character for one, as the worker needs to mark matches: İ, whose lower case is i̇,
        # stays as it is.
        lower = char.lower()
        return lower if len(lower) == 1 else char

    def __call__(self, text: str) -> str:
        for char in set(text) - self.known:
            self.mapping[ord(char)] = self._fold_char(char)
            self.known.add(char)
        return text.translate(self.mapping)


def folded_text(piece: list[dict], fold: Folder) -> str:
    """The folded titles and texts of a piece, one space wherever white space cuts them: a query
    part holds no white space, so no key spans one."""
    return " ".join(_JS_SPACE.sub(" ", fold(field)) for doc in piece for field in (doc["title"], doc["text"]))


def varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


# Postings are built in numpy arrays: at ten thousand cases there are tens of millions of
# (key, piece) pairs, which as Python objects would take gigabytes. The texts are hashed a batch
# at a time, and hashed again in a later pass rather than their keys kept: a pass costs seconds,
# keeping them would double the memory.


def _fnv(hashes, codes: np.ndarray) -> np.ndarray:
    """One FNV-1a step per hash and code point; uint32 wraps as the worker's Math.imul does."""
    return (hashes ^ codes) * np.uint32(FNV_PRIME)


def _batches(texts: list[str]):
    """(code points, piece numbers) of the texts, each followed by a space so that no key spans
    two, about BATCH characters at a time."""
    start = size = 0
    for end, text in enumerate(texts, 1):
        size += len(text) + 1
        if size >= BATCH or end == len(texts):
            batch = [text + " " for text in texts[start:end]]
            codes = np.frombuffer("".join(batch).encode("utf-32-le"), dtype=np.uint32)
            yield codes, np.repeat(np.arange(start, end, dtype=np.uint64), [len(text) for text in batch])
            start, size = end, 0


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique is several times slower)."""
    values = np.sort(values)
    return values[_run_starts(values)]


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins in a sorted array."""
    if not len(values):
        return np.zeros(0, np.int64)
    return np.flatnonzero(np.append(True, values[1:] != values[:-1]))


def _among(values: np.ndarray, sorted_distinct: np.ndarray) -> np.ndarray:
    """Whether each value is in a sorted array of distinct values (np.isin would sort again)."""
    if not len(sorted_distinct):
        return np.zeros(len(values), bool)
    at = np.minimum(np.searchsorted(sorted_distinct, values), len(sorted_distinct) - 1)
    return sorted_distinct[at] == values


def _pairs(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hash of each pair of adjacent characters, and whether the pair is a key (no space)."""
    inside = codes != ord(" ")
    return _fnv(_fnv(np.uint32(FNV_OFFSET), codes[:-1]), codes[1:]), inside[:-1] & inside[1:]


def _keys(codes: np.ndarray, pieces: np.ndarray, common: np.ndarray | None = None) -> np.ndarray:
    """Sorted distinct (hash << 32 | piece) of a batch's characters and pairs and, given the
    hashes of the common pairs, of its triples of two common pairs."""
    pairs, is_pair = _pairs(codes)
    keys = [(_fnv(np.uint32(FNV_OFFSET), codes), codes != ord(" ")), (pairs, is_pair)]
    if common is not None:
        is_common = is_pair & _among(pairs, common)
        keys.append((_fnv(pairs[:-1], codes[2:]), is_common[:-1] & is_common[1:]))
    return _distinct(np.concatenate([hashes[is_key].astype(np.uint64) << np.uint64(32)
                                     | pieces[:len(hashes)][is_key] for hashes, is_key in keys]))


def _by_key(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted distinct (hash << 32 | piece) as its distinct hashes, how many pieces each has, and
    the pieces."""
    hashes = (keys >> np.uint64(32)).astype(np.uint32)
    starts = _run_starts(hashes)
    pieces = keys.astype(np.uint32)  # the low half
    return hashes[starts], np.diff(np.append(starts, len(hashes))).astype(np.uint32), pieces


def _total_counts(batches) -> tuple[np.ndarray, np.ndarray]:
    """The distinct hashes of batches of (hashes, counts), and the sum of each one's counts."""
    batches = list(batches)
    hashes = _distinct(np.concatenate([np.zeros(0, np.uint32), *(keys for keys, _ in batches)]))
    counts = np.zeros(len(hashes), np.int64)
    for keys, key_counts in batches:
        counts[np.searchsorted(hashes, keys)] += key_counts
    return hashes, counts


def _common_pairs(texts: list[str]) -> np.ndarray:
    """The hashes of pairs in COMMON_PAIR pieces or more (counting those of any character of the
    same hash, as the worker sees them)."""
    counted, pair_hashes = [], [np.zeros(0, np.uint32)]
    for codes, pieces in _batches(texts):
        counted.append(_by_key(_keys(codes, pieces))[:2])
        pairs, is_pair = _pairs(codes)
        pair_hashes.append(_distinct(pairs[is_pair]))
    hashes, counts = _total_counts(counted)
    pair_hashes = _distinct(np.concatenate(pair_hashes))
    return pair_hashes[counts[np.searchsorted(hashes, pair_hashes)] >= COMMON_PAIR]


class Postings:
    """Pieces by key hash: `hashes` ascending, and the pieces of hashes[i] (ascending) at
    pieces[starts[i]:starts[i] + counts[i]]. Keys of equal hash share (the union of) their
    pieces: a query reads candidates from them, never answers, so a collision costs nothing but a
    little reading."""

    def __init__(self, hashes: np.ndarray, counts: np.ndarray, pieces: np.ndarray):
        self.hashes, self.counts, self.pieces = hashes, counts, pieces
        self.starts = np.cumsum(counts) - counts

    @classmethod
    def gather(cls, batches) -> Postings:
        """The postings of batches of keys (sorted distinct (hash << 32 | piece)) in piece order,
        which `batches()` yields, twice: once to count each hash's pieces, then to put each
        batch's pieces straight in their place, with no sort of them all."""
        hashes, counts = _total_counts(_by_key(keys)[:2] for keys in batches())
        postings = cls(hashes, counts, np.zeros(int(counts.sum()), np.uint32))
        filled = postings.starts.copy()
        for keys in batches():
            keys, key_counts, pieces = _by_key(keys)
            key_counts, at = key_counts.astype(np.int64), np.searchsorted(hashes, keys)
            rank = np.arange(len(pieces)) - np.repeat(np.cumsum(key_counts) - key_counts, key_counts)
            postings.pieces[np.repeat(filled[at], key_counts) + rank] = pieces
            filled[at] += key_counts
        return postings

    def parts(self, limit: int):
        """(the first key's index, the postings) of consecutive keys, at most `limit` pieces or one
        key at a time."""
        ends = np.cumsum(self.counts)
        first = 0
        while first < len(self.hashes):
            last = max(first + 1, int(np.searchsorted(ends, self.starts[first] + limit, "right")))
            yield first, Postings(self.hashes[first:last], self.counts[first:last],
                                  self.pieces[self.starts[first]:ends[last - 1]])
            first = last


def build_postings(texts: list[str]) -> tuple[Postings, np.ndarray]:
    """Postings of every character and pair of the pieces' texts, and of the triples made of two
    common pairs; with the hashes of the common pairs, which the worker learns from a flag."""
    common = _common_pairs(texts)

    def keys():
        return (_keys(codes, pieces, common) for codes, pieces in _batches(texts))

    return Postings.gather(keys), common


def _varint_sizes(values: np.ndarray) -> np.ndarray:
    sizes = np.ones(len(values), np.uint8)
    for bits in (7, 14, 21, 28):
        sizes += values >= 1 << bits
    return sizes


def _put_varints(out: np.ndarray, at: np.ndarray, values: np.ndarray) -> None:
    """Writes each value (below 2**32) as a varint into `out` at its offset."""
    values = values.astype(np.uint32)
    while len(values):  # a byte of each value at a time; those with more bits go on
        low = (values & 0x7F).astype(np.uint8)
        values >>= 7
        more = np.flatnonzero(values)
        low[more] |= 0x80
        out[at] = low
        values, at = values[more], at[more] + 1


def _gaps(postings: Postings) -> np.ndarray:
    """Each piece less the one before it in its key's postings; the first piece as it is."""
    gaps = np.diff(postings.pieces, prepend=np.uint32(0))
    gaps[postings.starts] = postings.pieces[postings.starts]
    return gaps


def _part_encodings(postings: Postings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per key: whether its postings are a bitmap (else gaps), whichever takes fewer bytes; their
    size; and the index of a bitmap's first byte."""
    p = postings
    gap_sizes = np.add.reduceat(_varint_sizes(_gaps(p)), p.starts, dtype=np.int64)
    first_byte, last_byte = p.pieces[p.starts] >> 3, p.pieces[p.starts + p.counts - 1] >> 3
    bitmap_sizes = _varint_sizes(first_byte) + (last_byte - first_byte).astype(np.int64) + 1
    bitmap = gap_sizes > bitmap_sizes
    return bitmap, np.where(bitmap, bitmap_sizes, gap_sizes), first_byte


def _encodings(postings: Postings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """_part_encodings of all keys, a part at a time so that arrays per piece stay small."""
    parts = [_part_encodings(part) for _, part in postings.parts(BATCH)] or [_part_encodings(postings)]
    return tuple(map(np.concatenate, zip(*parts)))


def _put_postings(out: np.ndarray, offsets: np.ndarray, postings: Postings, bitmap: np.ndarray,
                  first_byte: np.ndarray) -> None:
    """Writes each key's encoded postings into `out` at its offset."""
    p = postings
    key_of = np.repeat(np.arange(len(p.hashes)), p.counts)  # of each piece
    in_bitmap = bitmap[key_of]
    # Gaps: each after those before it in its key.
    gaps, keys = _gaps(p)[~in_bitmap], key_of[~in_bitmap]
    sizes = _varint_sizes(gaps).astype(np.int64)
    before = np.cumsum(sizes) - sizes
    key_starts = _run_starts(keys)
    before -= np.repeat(before[key_starts], np.diff(np.append(key_starts, len(keys))))
    _put_varints(out, offsets[keys] + before, gaps)
    # Bitmaps: the index of the first byte, then a bit per piece.
    _put_varints(out, offsets[bitmap], first_byte[bitmap])
    body = offsets + _varint_sizes(first_byte)
    pieces, keys = p.pieces[in_bitmap], key_of[in_bitmap]
    np.bitwise_or.at(out, body[keys] + (pieces >> 3) - first_byte[keys], (1 << (pieces & 7)).astype(np.uint8))


def _data(postings: Postings, order: np.ndarray, encodings) -> tuple[np.ndarray, np.ndarray]:
    """Every key's encoded postings, in `order`, and where each begins (and, last, their end)."""
    bitmap, sizes, first_byte = encodings
    starts = np.append(0, np.cumsum(sizes[order]))
    offsets = np.zeros(len(order), np.int64)
    offsets[order] = starts[:-1]
    data = np.zeros(starts[-1], np.uint8)
    for first, part in postings.parts(BATCH):
        keys = slice(first, first + len(part.hashes))
        _put_postings(data, offsets[keys], part, bitmap[keys], first_byte[keys])
    return data, starts


def _directory(keys: np.ndarray, headers: np.ndarray, first_keys: np.ndarray) -> tuple[np.ndarray, ...]:
    """The shards' directories, one after the other, and where each key's begins (and, last,
    their end): per key, its gap from the previous key of its shard (the first of a shard, at
    `first_keys`, as it is) and its header."""
    gaps = np.diff(keys, prepend=np.uint32(0))
    gaps[first_keys] = keys[first_keys]
    values = np.column_stack([gaps, headers]).ravel()
    sizes = _varint_sizes(values)
    starts = np.cumsum(sizes, dtype=np.int64)
    directory = np.zeros(starts[-1] if len(starts) else 0, np.uint8)
    starts -= sizes
    _put_varints(directory, starts, values)
    return directory, np.append(starts[::2], len(directory))


def encode_shards(postings: Postings, common: np.ndarray) -> list[bytes]:
    """Shard files about SHARD_BYTES each: key hash h lives in shard h mod count, under h div count.
    A shard: its number of keys; per key (ascending) the gap from the previous key and
    (bytes << 2 | common << 1 | kind); then their postings in that order."""
    encodings = bitmap, sizes, _ = _encodings(postings)
    count = max(1, math.ceil(int((4 + sizes).sum()) / SHARD_BYTES))
    shard = postings.hashes % np.uint32(count)
    order = np.argsort(shard, kind="stable")  # by shard, then hash
    keys_per_shard = np.bincount(shard, minlength=count)
    bounds = np.append(0, np.cumsum(keys_per_shard))  # of each shard's keys, in that order
    data, data_starts = _data(postings, order, encodings)
    headers = sizes.astype(np.uint32) << 2 | _among(postings.hashes, common).astype(np.uint32) << 1 | bitmap
    directory, directory_starts = _directory(postings.hashes[order] // np.uint32(count), headers[order],
                                             bounds[:-1][keys_per_shard > 0])
    return [varint(int(keys_per_shard[n])) + directory[directory_starts[first]:directory_starts[end]].tobytes()
            + data[data_starts[first]:data_starts[end]].tobytes()
            for n, (first, end) in enumerate(itertools.pairwise(bounds))]


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
    table = fold_table(doc["title"] + doc["text"] for doc in docs)
    pages = [page_pieces(page) for page in pages_in_rank_order(docs)]
    pieces = [piece for page in pages for piece in page]
    search, version = site_dir / SEARCH_DIR, hashlib.sha256()
    texts = (json.dumps(piece, ensure_ascii=False, separators=(",", ":")).encode() for piece in pieces)
    text_bytes = _write_files(search / TEXT_DIR, ".json", texts, version)
    fold = Folder(table)
    shards = encode_shards(*build_postings([folded_text(piece, fold) for piece in pieces]))
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

