"""The hashes of a folder's files, which an incremental build compares with the last build's. A
file is read again only when its stamp (size and modification time) differs from the one it had
when it was last hashed: at 10,000 cases hashing the site's 66,000 files and docs/' 14,000 took
about 10 s of every build, most of them files no build had touched since."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from casebook.core.tree import files_below

# What a file's remembered hash is known by: (device, inode); a hard link shares its file's entry,
# so the staging copy of a site, linked from site/, finds the hashes of site/'s files. What its bytes
# are judged unchanged by: (size, modification time in ns). And, between builds, its change time
# (ctime), which no tool sets back as `touch -d` or `cp -a` set the modification time: a file
# rewritten and given its old time again, or a new file given an inode that was another's, is read.
Identity = tuple[int, int]
Stamp = tuple[int, int]
Entry = tuple[Stamp, int, str]  # stamp, change time, hash
# A file modified this shortly before it was hashed may change again within the same tick of the
# file system's clock and keep its stamp (git's "racy" files): its hash is not remembered.
SETTLING_NS = 2_000_000_000


class Stamps:
    """Hashes remembered by the files' identity, stamp and change time; `kept` is what the next
    build needs: the entries of the files hashed through this instance (`restamp` them after
    linking or unlinking them, which changes their change time, not their bytes)."""

    def __init__(self, remembered: dict[Identity, Entry] | None = None):
        self._remembered = remembered or {}
        self.kept: dict[Identity, Entry] = {}

    def digest(self, path: str) -> str:
        status = os.stat(path)
        identity, stamp = (status.st_dev, status.st_ino), (status.st_size, status.st_mtime_ns)
        known = self.kept.get(identity)  # hashed in this build: its own links change only the ctime
        if known is not None and known[0] == stamp:
            return known[2]
        known = self._remembered.get(identity)
        if known is not None and known[:2] == (stamp, status.st_ctime_ns):
            self.kept[identity] = known
            return known[2]
        read_at = time.time_ns()
        digest = _sha256(path)
        if stamp[1] < read_at - SETTLING_NS:
            self.kept[identity] = (stamp, status.st_ctime_ns, digest)
        return digest

    def restamp(self, folder: Path) -> None:
        """Keep the files under `folder` only, with their change times as they are now: after this
        build's own links and unlinks, which change a file's change time, not its bytes."""
        kept = {}
        for _, path in files_below(folder):
            status = os.stat(path)
            identity = (status.st_dev, status.st_ino)
            known = self.kept.get(identity)
            if known is not None and known[0] == (status.st_size, status.st_mtime_ns):
                kept[identity] = (known[0], status.st_ctime_ns, known[2])
        self.kept = kept


def file_digests(folder: Path, stamps: Stamps | None = None) -> dict[str, str]:
    """Every file under `folder`, by its path relative to it (sorted as strings), with the hash of
    its bytes; read again only where `stamps` does not know the file as it is."""
    digest = _sha256 if stamps is None else stamps.digest
    return {relative: digest(path) for relative, path in files_below(folder)}


def _sha256(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
