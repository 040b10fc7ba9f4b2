"""The search index files: what a query can find in them, read back as the incremental build reads
them (read_shard; the browser tests read them with the worker itself)."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from casebook.built import search_index
from casebook.built.search_index import (
    COMMON_PAIR,
    PIECE_CHARS,
    SHARD_BYTES,
    Folder,
    LastIndex,
    read_shard,
    shard_count,
    write_search_index,
)
from casebook.site.digests import file_digests
from support import LONG_PAGE, file_contents, sentence, synthetic_docs


def fnv1a(key: str) -> int:
    hash_ = 0x811C9DC5
    for char in key:
        hash_ = ((hash_ ^ ord(char)) * 0x01000193) % 2**32
    return hash_


class Index:
    """A written index read back: bootstrap, pieces and postings."""

    def __init__(self, site: Path):
        self.site = site
        self.config = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["config"]
        self.chunks = self.config["chunks"]
        self.pieces = [json.loads((site / f"search/text/{n}.json").read_text(encoding="utf-8"))
                       for n in range(self.chunks["pieces"])]
        self.postings, self.headers = {}, {}  # key hash → (pieces, common); → its header
        for n in range(self.chunks["shards"]):
            shard = read_shard((site / f"search/shards/{n}.bin").read_bytes(), n, self.chunks["shards"])
            self.postings |= {key: (pieces.tolist(), bool(header & 2)) for key, (pieces, header) in shard.items()}
            self.headers |= {key: header for key, (_, header) in shard.items()}
        self.fold = Folder(self.config["fold"])

    def keys_of_piece(self, number: int, length: int) -> set[str]:
        """Every run of `length` characters within one title or text of a piece, without spaces."""
        keys = set()
        for doc in self.pieces[number]:
            for field in (doc["title"], doc["text"]):
                for word in self.fold(field).split():
                    keys |= {word[i:i + length] for i in range(len(word) - length + 1)}
        return keys


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[dict, Index]:
    site = tmp_path_factory.mktemp("site")
    stats = write_search_index(site, synthetic_docs())
    return stats, Index(site)


def test_pages_are_numbered_case_pages_first_then_in_page_order(written):
    _, index = written
    pages = []
    for piece in index.pieces:
        page = piece[0]["location"].split("#")[0]
        if page not in pages:
            pages.append(page)
    assert pages[:3] == ["cases/c0/", "cases/c1/", "cases/c2/"]
    assert pages.index("cases/c199/") + 1 == pages.index("")  # boost 2, then 1, then 0.1
    assert pages[-2:] == ["tags/t99/", LONG_PAGE]


def test_every_piece_holding_a_character_or_pair_is_in_its_postings(written):
    _, index = written
    for length in (1, 2):
        holders = {}
        for number in range(len(index.pieces)):
            for key in index.keys_of_piece(number, length):
                holders.setdefault(fnv1a(key), set()).add(number)
        for hash_, pieces in holders.items():
            assert set(index.postings[hash_][0]) >= pieces


def test_no_posting_lists_a_piece_without_a_key_of_its_hash(written):
    _, index = written
    holders = {}
    for number in range(len(index.pieces)):
        for length in (1, 2, 3):
            for key in index.keys_of_piece(number, length):
                holders.setdefault(fnv1a(key), set()).add(number)
    for hash_, (pieces, _) in index.postings.items():
        assert set(pieces) <= holders[hash_]


def test_triples_of_two_common_pairs_are_indexed(written):
    _, index = written
    common = {hash_ for hash_, (pieces, flag) in index.postings.items() if flag}
    assert all(len(index.postings[hash_][0]) >= COMMON_PAIR for hash_ in common)
    checked = 0
    for number in range(len(index.pieces)):
        for triple in index.keys_of_piece(number, 3):
            if fnv1a(triple[:2]) in common and fnv1a(triple[1:]) in common:
                assert number in index.postings[fnv1a(triple)][0]
                checked += 1
    assert checked > 1000


def test_a_word_of_common_pairs_has_few_candidates(written):
    """合法性审查 is rare though each of its pairs is common: its triples keep the others out."""
    _, index = written
    candidates = set(range(len(index.pieces)))
    for triple in ("合法性", "法性审", "性审查"):
        candidates &= set(index.postings[fnv1a(triple)][0])
    holders = {n for n in range(len(index.pieces)) if "合法性审查" in index.keys_of_piece(n, 5)}
    assert candidates == holders and 0 < len(holders) < 10


def varint_size(value: int) -> int:
    return max(1, (value.bit_length() + 6) // 7)


def test_postings_are_gaps_or_a_bitmap_whichever_is_smaller(written):
    _, index = written
    kinds = set()
    for hash_, (pieces, _) in index.postings.items():
        gaps = sum(map(varint_size, [pieces[0], *(b - a for a, b in zip(pieces, pieces[1:]))]))
        bitmap = varint_size(pieces[0] >> 3) + (pieces[-1] >> 3) - (pieces[0] >> 3) + 1
        header = index.headers[hash_]
        assert (header >> 2, header & 1) == (min(gaps, bitmap), gaps > bitmap)
        kinds.add(header & 1)
    assert kinds == {0, 1}


@pytest.mark.parametrize("shard_bytes", [SHARD_BYTES, 1024])
def test_shards_are_about_their_size(tmp_path: Path, monkeypatch, shard_bytes: int):
    monkeypatch.setattr(search_index, "SHARD_BYTES", shard_bytes)
    stats = write_search_index(tmp_path, synthetic_docs())
    sizes = [p.stat().st_size for p in (tmp_path / "search/shards").iterdir()]
    assert len(sizes) == stats["shards"] > 2
    assert max(sizes) <= 2 * shard_bytes
    assert shard_bytes / 2 <= sum(sizes) / len(sizes) <= shard_bytes * 1.25


def test_a_long_page_is_cut_at_spaces_into_pieces_in_a_row(written):
    _, index = written
    [[first, count]] = index.chunks["long_pages"]
    pieces = index.pieces[first:first + count]
    assert count > 2 and all(doc["location"] == LONG_PAGE for piece in pieces for doc in piece)
    assert all(sum(len(doc["title"]) + len(doc["text"]) for doc in piece) <= PIECE_CHARS for piece in pieces)
    [original] = [doc["text"] for doc in synthetic_docs() if doc["location"] == LONG_PAGE]
    assert " ".join(doc["text"] for piece in pieces for doc in piece) == original


def test_traditional_and_full_width_text_folds_as_the_index_does(written):
    _, index = written
    assert index.fold("營商環境 ＡＢＣ１２") == "营商环境 abc12"
    assert "營营" in index.config["fold"]
    [piece] = [n for n, piece in enumerate(index.pieces) if any(d["location"] == "cases/c1/#traditional" for d in piece)]
    assert piece in index.postings[fnv1a("环境")][0]


def test_figures_are_those_of_the_files(written):
    stats, index = written
    files = [p for p in (index.site / "search").rglob("*") if p.is_file()]
    assert stats["pages"] == 302 and stats["docs"] == len(synthetic_docs())
    assert stats["bootstrap_bytes"] == (index.site / "search/search_index.json").stat().st_size
    assert stats["total_bytes"] == sum(p.stat().st_size for p in files)


def test_a_second_write_leaves_nothing_of_the_first(tmp_path: Path):
    write_search_index(tmp_path, synthetic_docs())
    first = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))["config"]["chunks"]
    stats = write_search_index(tmp_path, synthetic_docs(cases=3, listings=1))
    chunks = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))["config"]["chunks"]
    assert len(list((tmp_path / "search/text").iterdir())) == chunks["pieces"] < first["pieces"]
    assert len(list((tmp_path / "search/shards").iterdir())) == chunks["shards"] == stats["shards"] < first["shards"]
    assert chunks["version"] != first["version"]


def test_the_same_docs_give_the_same_bytes(tmp_path: Path):
    write_search_index(tmp_path / "a", synthetic_docs(cases=20, listings=5))
    write_search_index(tmp_path / "b", synthetic_docs(cases=20, listings=5))
    assert file_contents(tmp_path / "a") == file_contents(tmp_path / "b")


def test_the_index_does_not_depend_on_how_much_is_built_at_once(tmp_path: Path, monkeypatch):
    write_search_index(tmp_path / "whole", synthetic_docs())
    monkeypatch.setattr(search_index, "BATCH", 997)  # pieces of several batches, keys of several parts
    write_search_index(tmp_path / "batches", synthetic_docs())
    assert file_contents(tmp_path / "batches") == file_contents(tmp_path / "whole")


def test_no_docs_give_one_empty_shard(tmp_path: Path):
    stats = write_search_index(tmp_path, [])
    assert stats["shards"] == 1 and (tmp_path / "search/shards/0.bin").read_bytes() == b"\x00"


def test_folding_keeps_every_character_one_character():
    """The worker marks matches in the original text at their offsets in the folded text; İ
    lowers to i̇, two characters, so it stays as it is."""
    fold = Folder("")
    bmp = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    assert len(fold(bmp)) == len(bmp) and fold("İＩI") == "İii"


# -- the index of an incremental build: the last one, updated for the pieces that changed ---------


def _edited(docs: list[dict], rng: random.Random, edits: int, new_page: bool) -> list[dict]:
    """The docs with a few texts rewritten in part (words of the index's own, and new ones), and
    perhaps a page more."""
    docs = [dict(doc) for doc in docs]
    for doc in rng.sample(docs, edits):
        cut = rng.randrange(len(doc["text"]) + 1)
        doc["text"] = doc["text"][:cut] + rng.choice([sentence(rng), "新词汇甲乙丙", ""]) + doc["text"][cut + 20:]
    if new_page:
        docs.append({"location": "tags/new/", "title": "新标签", "text": sentence(rng), "boost": 0.1})
    return docs


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("shard_bytes", [SHARD_BYTES, 1024])
def test_an_index_updated_from_the_last_is_the_index_made_anew(tmp_path: Path, monkeypatch, seed: int, shard_bytes: int):
    monkeypatch.setattr(search_index, "SHARD_BYTES", shard_bytes)
    rng = random.Random(seed)
    docs = synthetic_docs(cases=80, listings=30)
    last_site = tmp_path / "last"
    memory = write_search_index(last_site, docs)["memory"]
    updates = []
    for step in range(3):  # each build upon the one before
        docs = _edited(docs, rng, edits=rng.choice([1, 2, 5]), new_page=rng.random() < 0.15)
        updated = write_search_index(tmp_path / f"updated{step}", docs,
                                     LastIndex(last_site / "search", file_digests(last_site), memory))
        anew = write_search_index(tmp_path / f"anew{step}", docs)
        assert file_contents(tmp_path / f"updated{step}") == file_contents(tmp_path / f"anew{step}")
        assert all(np.array_equal(a, b) for a, b in zip(vars(updated["memory"]).values(), vars(anew["memory"]).values()))
        last_site, memory = tmp_path / f"updated{step}", updated["memory"]
        updates.append(updated["updated"])
    assert any(updates)  # not only ever made anew (a new page, a new character, a pair turned common)


@pytest.mark.parametrize("key_bytes", [0, 1, SHARD_BYTES, SHARD_BYTES + 1, 10 * SHARD_BYTES, 9_000_000])
def test_shards_are_a_power_of_two_of_at_most_shard_bytes_on_average(key_bytes: int):
    """A power of two: the count, and with it every shard, changes only when the keys double or halve."""
    count = shard_count(key_bytes)
    assert count & (count - 1) == 0
    assert count * SHARD_BYTES >= key_bytes
    assert count == 1 or count // 2 * SHARD_BYTES < key_bytes


@pytest.mark.parametrize("traditional_elsewhere", [False, True])
def test_a_character_new_to_the_site_updates_the_index_unless_its_traditional_form_is_indexed(
        tmp_path: Path, traditional_elsewhere: bool):
    """准 joins the fold table with 準: the index is updated unless 準 is in text already indexed,
    which would now fold to 准."""
    docs = synthetic_docs(cases=80, listings=30)
    assert not any(char in doc["title"] + doc["text"] for doc in docs for char in "准準")
    if traditional_elsewhere:
        docs[-1]["text"] += " 標準"
    memory = write_search_index(tmp_path / "last", docs)["memory"]
    last = LastIndex(tmp_path / "last/search", file_digests(tmp_path / "last"), memory)
    edited = [dict(doc) for doc in docs]
    edited[1]["text"] += "基准"
    updated = write_search_index(tmp_path / "edited", edited, last)
    assert updated["updated"] is not traditional_elsewhere
    write_search_index(tmp_path / "anew", edited)
    assert file_contents(tmp_path / "edited") == file_contents(tmp_path / "anew")
    assert "準准" in Index(tmp_path / "edited").config["fold"]


def test_an_edit_to_one_piece_updates_the_index_and_a_new_page_or_another_memory_makes_it_anew(tmp_path: Path):
    docs = synthetic_docs(cases=80, listings=30)
    memory = write_search_index(tmp_path / "last", docs)["memory"]
    last = LastIndex(tmp_path / "last/search", file_digests(tmp_path / "last"), memory)
    edited = _edited(docs, random.Random(0), edits=1, new_page=False)
    assert write_search_index(tmp_path / "edited", edited, last)["updated"]
    grown = _edited(docs, random.Random(1), edits=0, new_page=True)
    assert not write_search_index(tmp_path / "grown", grown, last)["updated"]
    another = write_search_index(tmp_path / "another", edited)["memory"]  # the memory of another index
    assert not write_search_index(tmp_path / "mismatched", edited, replace(last, memory=another))["updated"]
    assert file_contents(tmp_path / "mismatched") == file_contents(tmp_path / "edited")
