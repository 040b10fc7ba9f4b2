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
  are only candidates), S the power of two that makes a shard weigh half to all of SHARD_BYTES
  on average. A shard is, in
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
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from casebook.core.text_rules import HAN_RANGES
from casebook.core.tree import link_or_copy
from casebook.sources.normalise import to_simplified

SEARCH_DIR = Path("search")
INDEX_PATH = SEARCH_DIR / "search_index.json"
SHARD_DIR, TEXT_DIR = "shards", "text"
SHARD_BYTES = 12 * 1024  # a key costs the download of its whole shard
KEY_BYTES = 4  # what a key is counted to take in its shard's directory, when shards are counted
# A pair in this many pieces or more is common. A triple of two common pairs is indexed too:
# pages holding each pair of 合法性审查 need not hold the word, and a query would read them all.
# A part with a rarer pair reads fewer pages than that.
COMMON_PAIR = 64
PIECE_CHARS = 8000  # a long listing page is read only where a query may match
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193  # FNV-1a, 32 bits
BATCH = 1 << 18  # characters hashed, or pieces encoded, at once: bounds the memory this takes
# An index is made anew, not updated, when more than this share of its pieces changed (updating a
# piece costs about six times what making the whole index costs per piece), and more than a few:
# updating a hundred pieces takes a fraction of a second whatever the share.
UPDATE_LIMIT, UPDATE_ANYWAY = 0.15, 100
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


def fold_table(present: set[str]) -> str:
    """Pairs 'TSTS…' of the conversions whose Simplified side is among the characters `present`
    in the indexed text.

    A Traditional character whose Simplified form is nowhere in the site cannot make a query
    match, so it is left out and the table stays as small as the site's vocabulary.
    """
    return "".join(t + s for t, s in sorted(traditional_to_simplified().items()) if s in present)


def _fold_pairs(table: str) -> set[str]:
    return {table[i:i + 2] for i in range(0, len(table), 2)}


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


def pair_counts(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct hashes of the pieces' pairs, and how many pieces hold each. A pair in
    COMMON_PAIR pieces or more is common."""
    counted = []
    for codes, pieces in _batches(texts):
        pairs, is_pair = _pairs(codes)
        keys = _distinct(pairs[is_pair].astype(np.uint64) << np.uint64(32) | pieces[:len(pairs)][is_pair])
        counted.append(_by_key(keys)[:2])
    return _total_counts(counted)


def _common(counts: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    hashes, pieces = counts
    return hashes[pieces >= COMMON_PAIR]


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


def build_postings(texts: list[str], common: np.ndarray) -> Postings:
    """Postings of every character and pair of the pieces' texts, and of the triples made of two
    `common` pairs (hashes, sorted)."""

    def keys():
        return (_keys(codes, pieces, common) for codes, pieces in _batches(texts))

    return Postings.gather(keys)


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


def shard_count(key_bytes: int) -> int:
    """How many shards the keys make, given the bytes they take in them (`encode_shards`): a power
    of two, so that the count changes, and the index of an edited site is made anew rather than
    updated, only when the library about doubles or halves, not every few hundred edits."""
    count = 1
    while count * SHARD_BYTES < key_bytes:
        count *= 2
    return count


def encode_shards(postings: Postings, common: np.ndarray, count: int | None = None) -> tuple[list[bytes], int]:
    """Shard files of half to all of SHARD_BYTES on average: key hash h lives in shard h mod count,
    under h div count.
    A shard: its number of keys; per key (ascending) the gap from the previous key and
    (bytes << 2 | common << 1 | kind); then their postings in that order. With the bytes the keys
    take, KEY_BYTES each and their postings' (the shards' size, by which they are counted); `count`: the
    number of shards of a whole index, of which `postings` hold some whole shards' keys."""
    encodings = bitmap, sizes, _ = _encodings(postings)
    key_bytes = int((KEY_BYTES + sizes).sum())
    count = shard_count(key_bytes) if count is None else count
    shard = postings.hashes % np.uint32(count)
    order = np.argsort(shard, kind="stable")  # by shard, then hash
    keys_per_shard = np.bincount(shard, minlength=count)
    bounds = np.append(0, np.cumsum(keys_per_shard))  # of each shard's keys, in that order
    data, data_starts = _data(postings, order, encodings)
    headers = sizes.astype(np.uint32) << 2 | _among(postings.hashes, common).astype(np.uint32) << 1 | bitmap
    directory, directory_starts = _directory(postings.hashes[order] // np.uint32(count), headers[order],
                                             bounds[:-1][keys_per_shard > 0])
    shards = [varint(int(keys_per_shard[n])) + directory[directory_starts[first]:directory_starts[end]].tobytes()
              + data[data_starts[first]:data_starts[end]].tobytes()
              for n, (first, end) in enumerate(itertools.pairwise(bounds))]
    return shards, key_bytes


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


def _write_files(folder: Path, suffix: str, contents: Iterable[bytes | None], version,
                 kept_in: Path | None = None) -> int:
    """`folder` holding exactly the files 0{suffix}, 1{suffix}… of `contents` (whatever an earlier
    build left there goes); where the content is None, the same file of `kept_in` is put there
    (linked, not copied: the last build's index, its file unchanged). Adds them to the `version`
    hash and returns their size."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    size = 0
    for number, data in enumerate(contents):
        target = folder / f"{number}{suffix}"
        if data is None:
            data = (kept_in / target.name).read_bytes()
            link_or_copy(kept_in / target.name, target)
        else:
            target.write_bytes(data)
        version.update(data)
        size += len(data)
    return size


@dataclass(frozen=True)
class IndexMemory:
    """What updating an index needs beyond its files (see write_search_index): how many pieces
    hold each pair, by hash, which decides the common pairs; and the bytes its keys take in the
    shards, which decides how many shards there are."""

    pair_hashes: np.ndarray
    pair_pieces: np.ndarray
    key_bytes: int
    version: str  # of the index it is of
    # The Traditional characters of its text that OpenCC converts: where none of them gains or
    # loses its pair in the fold table, the text already indexed folds as it did.
    traditional: str


@dataclass(frozen=True)
class LastIndex:
    """The index of the site a build starts from: its search/ folder, the hashes of that site's
    files (by path below the site, as the build's manifest keeps them), and its memory."""

    folder: Path
    files: Mapping[str, str]
    memory: IndexMemory


@dataclass
class _Layout:
    """The fold table of `docs`, the Traditional characters in them that it may fold (IndexMemory),
    and their pages' pieces in rank order."""

    table: str
    traditional: str
    pages: list[list[list[dict]]]

    @classmethod
    def of(cls, docs: list[dict]) -> _Layout:
        present = set()
        for doc in docs:
            present.update(doc["title"], doc["text"])
        traditional = "".join(sorted(present.intersection(traditional_to_simplified())))
        return cls(fold_table(present), traditional, [page_pieces(page) for page in pages_in_rank_order(docs)])

    @functools.cached_property
    def pieces(self) -> list[list[dict]]:
        return [piece for page in self.pages for piece in page]

    @property
    def long_pages(self) -> list[list[int]]:
        firsts = itertools.accumulate((len(page) for page in self.pages), initial=0)
        return [[first, len(page)] for first, page in zip(firsts, self.pages) if len(page) > 1]


@dataclass
class _Written:
    version: str  # the hash of every text and shard file, in order
    shards: int
    size: int  # bytes of the text and shard files
    counts: tuple[np.ndarray, np.ndarray]  # pair_counts
    key_bytes: int


def _piece_bytes(piece: list[dict]) -> bytes:
    return json.dumps(piece, ensure_ascii=False, separators=(",", ":")).encode()


def write_search_index(site_dir: Path, docs: list[dict], last: LastIndex | None = None) -> dict:
    """Write the search index for `docs` ({location, title, text, boost?} in page order, each
    page's own doc first) under `site_dir`/search; returns its figures, and (`memory`) what the
    next build needs to update it.

    With `last`, the index this one is built upon: only the pieces whose text changed are indexed
    again, and only the shards holding their changed keys written again, unless something every
    piece depends on changed (how the text already indexed folds, how the pages fall into pieces,
    the common pairs, the number of shards). The files are the same bytes either way."""
    layout = _Layout.of(docs)
    search = site_dir / SEARCH_DIR
    updated = _updated(search, layout, last) if last else None
    written = updated or _written_anew(search, layout)
    manifest = {"version": written.version, "pieces": len(layout.pieces),
                "shards": written.shards, "long_pages": layout.long_pages}
    config = {"fold": layout.table, "chunks": manifest}
    bootstrap = json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")).encode()
    (site_dir / INDEX_PATH).write_bytes(bootstrap)
    return {
        "pages": len(layout.pages), "docs": len(docs), "shards": written.shards, "updated": updated is not None,
        "bootstrap_bytes": len(bootstrap), "total_bytes": len(bootstrap) + written.size,
        "memory": IndexMemory(*written.counts, written.key_bytes, written.version, layout.traditional),
    }


def _written_anew(search: Path, layout: _Layout) -> _Written:
    version = hashlib.sha256()
    text_bytes = _write_files(search / TEXT_DIR, ".json", map(_piece_bytes, layout.pieces), version)
    fold = Folder(layout.table)
    texts = [folded_text(piece, fold) for piece in layout.pieces]
    hashes, pieces = pair_counts(texts)
    common = _common((hashes, pieces))
    shards, key_bytes = encode_shards(build_postings(texts, common), common)
    shard_bytes = _write_files(search / SHARD_DIR, ".bin", shards, version)
    return _Written(version.hexdigest()[:16], len(shards), text_bytes + shard_bytes, (hashes, pieces), key_bytes)


# -- updating the last build's index ------------------------------------------------------------


def _updated(search: Path, layout: _Layout, last: LastIndex) -> _Written | None:
    """The index written by updating `last` for the pieces whose text changed; None where that
    would not give the bytes a new index gives."""
    config = json.loads((last.folder / INDEX_PATH.name).read_bytes())["config"]
    chunks = config["chunks"]
    if (chunks["pieces"], chunks["long_pages"]) != (len(layout.pieces), layout.long_pages):
        return None
    if chunks["version"] != last.memory.version:
        return None  # a memory of another index
    if any(pair[0] in last.memory.traditional for pair in _fold_pairs(config["fold"]) ^ _fold_pairs(layout.table)):
        return None  # text already indexed would fold otherwise
    changed = {n: data for n, data in enumerate(map(_piece_bytes, layout.pieces))
               if last.files.get(f"{SEARCH_DIR.as_posix()}/{TEXT_DIR}/{n}.json") != hashlib.sha256(data).hexdigest()}
    if len(changed) > max(UPDATE_LIMIT * len(layout.pieces), UPDATE_ANYWAY):
        return None  # many pieces moved (a page renamed, say): making the index anew costs less
    fold = Folder(layout.table)
    before = {n: folded_text(json.loads((last.folder / TEXT_DIR / f"{n}.json").read_bytes()), fold) for n in changed}
    after = {n: folded_text(layout.pieces[n], fold) for n in changed}
    hashes, pieces = _pair_counts_after(last.memory, before, after)
    common = _common((hashes, pieces))
    if not np.array_equal(common, _common((last.memory.pair_hashes, last.memory.pair_pieces))):
        return None
    shards = _shards_after(last, chunks["shards"], common, {n: _text_keys(t, common) for n, t in before.items()},
                           {n: _text_keys(t, common) for n, t in after.items()})
    if shards is None:
        return None
    new_shards, key_bytes = shards
    version = hashlib.sha256()
    size = _write_files(search / TEXT_DIR, ".json", map(changed.get, range(len(layout.pieces))), version,
                        kept_in=last.folder / TEXT_DIR)
    size += _write_files(search / SHARD_DIR, ".bin", map(new_shards.get, range(chunks["shards"])), version,
                         kept_in=last.folder / SHARD_DIR)
    return _Written(version.hexdigest()[:16], chunks["shards"], size, (hashes, pieces), key_bytes)


def _text_keys(text: str, common: np.ndarray) -> np.ndarray:
    """The sorted distinct hashes of a piece's keys."""
    [(codes, pieces)] = _batches([text])
    return (_keys(codes, pieces, common) >> np.uint64(32)).astype(np.uint32)


def _text_pairs(text: str) -> np.ndarray:
    """The sorted distinct hashes of a piece's pairs."""
    return pair_counts([text])[0]


def _pair_counts_after(memory: IndexMemory, before: dict[int, str], after: dict[int, str]):
    """`memory`'s pair counts once the pieces' texts went from `before` to `after`."""
    gained, lost = [np.zeros(0, np.uint32)], [np.zeros(0, np.uint32)]
    for n in before:
        old, new = _text_pairs(before[n]), _text_pairs(after[n])
        gained.append(np.setdiff1d(new, old, assume_unique=True))
        lost.append(np.setdiff1d(old, new, assume_unique=True))
    gained, lost = np.concatenate(gained), np.concatenate(lost)
    hashes = np.union1d(memory.pair_hashes, gained).astype(np.uint32)
    pieces = np.zeros(len(hashes), np.int64)
    pieces[np.searchsorted(hashes, memory.pair_hashes)] = memory.pair_pieces
    np.add.at(pieces, np.searchsorted(hashes, gained), 1)
    np.subtract.at(pieces, np.searchsorted(hashes, lost), 1)
    held = pieces > 0
    return hashes[held], pieces[held]


def _shards_after(last: LastIndex, count: int, common: np.ndarray, before: dict[int, np.ndarray],
                  after: dict[int, np.ndarray]) -> tuple[dict[int, bytes], int] | None:
    """The shards holding a key some piece gained or lost, encoded anew, by number, and the bytes
    all keys now take; None when those are for another number of shards."""
    moved = [np.setxor1d(before[n], after[n], assume_unique=True) for n in before]
    touched = np.unique(np.concatenate([np.zeros(0, np.uint32), *moved]))
    numbers = np.unique(touched % np.uint32(count)).tolist()
    keys: dict[int, np.ndarray] = {}
    old_bytes = 0
    for number in numbers:
        shard = read_shard((last.folder / SHARD_DIR / f"{number}.bin").read_bytes(), number, count)
        keys |= {key: pieces for key, (pieces, _) in shard.items()}
        old_bytes += sum(KEY_BYTES + (header >> 2) for _, header in shard.values())
    changed = np.array(sorted(before), np.uint32)
    gained = _holders(after, touched)
    for key in touched.tolist():
        kept = keys.get(key, np.zeros(0, np.uint32))
        keys[key] = np.union1d(kept[~_among(kept, changed)], gained.get(key, kept[:0])).astype(np.uint32)
    hashes = np.array(sorted(k for k, pieces in keys.items() if len(pieces)), np.uint32)
    counts = np.array([len(keys[k]) for k in hashes.tolist()], np.int64)
    postings = Postings(hashes, counts, np.concatenate([np.zeros(0, np.uint32), *(keys[k] for k in hashes.tolist())]))
    shards, new_bytes = encode_shards(postings, common, count)
    key_bytes = last.memory.key_bytes - old_bytes + new_bytes
    if shard_count(key_bytes) != count:
        return None
    return {number: shards[number] for number in numbers}, key_bytes


def _holders(keys_of: dict[int, np.ndarray], wanted: np.ndarray) -> dict[int, np.ndarray]:
    """For each `wanted` key (sorted), the pieces among `keys_of` (piece → its keys) holding it, in
    one sort of them all: an edit that moves many pieces touches many keys."""
    keys = np.concatenate([np.zeros(0, np.uint32), *keys_of.values()])
    pieces = np.repeat(np.fromiter(keys_of, np.uint32, len(keys_of)), [len(k) for k in keys_of.values()])
    held = _among(keys, wanted)
    keys, pieces = keys[held], pieces[held]
    order = np.lexsort((pieces, keys))
    keys, pieces = keys[order], pieces[order]
    starts = _run_starts(keys)
    return dict(zip(keys[starts].tolist(), np.split(pieces, starts[1:])))


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def read_shard(data: bytes, number: int, count: int) -> dict[int, tuple[np.ndarray, int]]:
    """Shard `number` of `count` as encode_shards wrote it: each key's hash → its pieces and its
    header (bytes << 2 | common << 1 | kind)."""
    keys, at = _read_varint(data, 0)
    headers, key = [], 0
    for _ in range(keys):
        gap, at = _read_varint(data, at)
        header, at = _read_varint(data, at)
        key += gap
        headers.append((key * count + number, header))
    shard = {}
    for hash_, header in headers:
        size = header >> 2
        shard[hash_] = (_read_postings(data[at:at + size], bitmap=bool(header & 1)), header)
        at += size
    return shard


def _read_postings(data: bytes, bitmap: bool) -> np.ndarray:
    first, at = _read_varint(data, 0)
    if bitmap:  # the first byte's index, then a bit per piece
        bits = np.unpackbits(np.frombuffer(data[at:], np.uint8), bitorder="little")
        return (np.flatnonzero(bits) + 8 * first).astype(np.uint32)
    values = [first]  # the first piece, then the gaps
    while at < len(data):
        gap, at = _read_varint(data, at)
        values.append(gap)
    return np.cumsum(values).astype(np.uint32)
