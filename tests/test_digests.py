"""The hashes of a folder's files (casebook.site.digests): a file is read again only when its stamp
(size, modification time) or, between builds, its change time changed since it was hashed; hard
links share what was read of their file; a file modified just before it was hashed is read again
next time."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from casebook.site import digests
from casebook.site.digests import Stamps, file_digests
from support import write_files

HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files actually read to hash them."""
    read: list[str] = []

    def counted(path: str) -> str:
        read.append(Path(path).name)
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()

    monkeypatch.setattr(digests, "_sha256", counted)
    return read


def settled(folder: Path) -> Path:
    """`folder`'s files, last modified an hour ago."""
    for path in folder.rglob("*"):
        os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))
    return folder


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, reads: list[str]):
    folder = settled(write_files(tmp_path / "site", {"a.html": "one", "b/c.html": "two"}))
    first = file_digests(folder, stamps := Stamps())
    assert first == {"a.html": hashlib.sha256(b"one").hexdigest(), "b/c.html": hashlib.sha256(b"two").hexdigest()}
    assert file_digests(folder, Stamps(stamps.kept)) == first
    assert sorted(reads) == ["a.html", "c.html"]  # the first time only


def test_a_file_whose_stamp_changed_is_read_again(tmp_path: Path, reads: list[str]):
    folder = settled(write_files(tmp_path / "site", {"a.html": "one", "b.html": "two"}))
    file_digests(folder, stamps := Stamps())
    (folder / "a.html").write_text("three", encoding="utf-8")
    again = file_digests(folder, Stamps(stamps.kept))
    assert again["a.html"] == hashlib.sha256(b"three").hexdigest()
    assert sorted(reads) == ["a.html", "a.html", "b.html"]


def test_a_hard_link_is_known_by_its_file_in_the_build_that_made_it_and_the_next(tmp_path: Path, reads: list[str]):
    """A build hashes site/, links it into its staging folder, hashes that, and swaps it in."""
    site = settled(write_files(tmp_path / "site", {"a.html": "one"}))
    file_digests(site, stamps := Stamps())
    (tmp_path / "staging").mkdir()
    os.link(site / "a.html", tmp_path / "staging" / "a.html")  # which changes the file's ctime
    assert file_digests(tmp_path / "staging", stamps) == {"a.html": hashlib.sha256(b"one").hexdigest()}
    (site / "a.html").unlink()
    stamps.restamp(tmp_path / "staging")
    assert file_digests(tmp_path / "staging", Stamps(stamps.kept)) == {"a.html": hashlib.sha256(b"one").hexdigest()}
    assert reads == ["a.html"]


def test_a_file_rewritten_and_given_its_old_time_again_is_read_again(tmp_path: Path, reads: list[str]):
    """As `touch -d` or `cp -a` would: its change time, which no tool sets back, tells."""
    folder = settled(write_files(tmp_path / "site", {"a.html": "one"}))
    file_digests(folder, stamps := Stamps())
    (folder / "a.html").write_text("two", encoding="utf-8")
    settled(folder)
    assert file_digests(folder, Stamps(stamps.kept)) == {"a.html": hashlib.sha256(b"two").hexdigest()}
    assert reads == ["a.html", "a.html"]


def test_a_file_modified_just_before_it_was_hashed_is_read_again(tmp_path: Path, reads: list[str]):
    """Within the file system clock's tick it could change again and keep its stamp."""
    folder = write_files(tmp_path / "site", {"a.html": "one"})
    file_digests(folder, stamps := Stamps())
    assert stamps.kept == {}
    file_digests(folder, Stamps(stamps.kept))
    assert reads == ["a.html", "a.html"]


def test_only_the_files_hashed_are_kept_for_the_next_build(tmp_path: Path):
    old = settled(write_files(tmp_path / "old", {"gone.html": "x"}))
    new = settled(write_files(tmp_path / "new", {"kept.html": "y"}))
    file_digests(old, first := Stamps())
    file_digests(new, second := Stamps(first.kept))
    assert [entry[2] for entry in second.kept.values()] == [hashlib.sha256(b"y").hexdigest()]


def test_a_restamp_keeps_only_the_files_of_the_folder(tmp_path: Path):
    site = settled(write_files(tmp_path / "site", {"a.html": "one", "b.html": "two"}))
    file_digests(site, stamps := Stamps())
    (site / "b.html").unlink()
    stamps.restamp(site)
    assert [entry[2] for entry in stamps.kept.values()] == [hashlib.sha256(b"one").hexdigest()]
