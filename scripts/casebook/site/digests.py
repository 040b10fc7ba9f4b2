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
# so the staging copy of a site, linked from site/, finds the hashes of site/'s files. And what it
# was remembered with: (size, modification time in ns).
Identity = tuple[int, int]
Stamp = tuple[int, int]
# A file modified this shortly before it was hashed may change again within the same tick of the
# file system's clock and keep its stamp (git's "racy" files): its hash is not remembered.
SETTLING_NS = 2_000_000_000


class Stamps:
    """Hashes remembered by the files' identity and stamp; `kept` is what the next build needs:
    the entries of the files hashed through this instance."""

    def __init__(self, remembered: dict[Identity, tuple[Stamp, str]] | None = None):
        self._remembered = remembered or {}
        self.kept: dict[Identity, tuple[Stamp, str]] = {}

    def digest(self, path: str) -> str:
        status = os.stat(path)
        identity, stamp = (status.st_dev, status.st_ino), (status.st_size, status.st_mtime_ns)
        known = self._remembered.get(identity)
        if known is not None and known[0] == stamp:
            self.kept[identity] = known
            return known[1]
        read_at = time.time_ns()
        digest = _sha256(path)
        if stamp[1] < read_at - SETTLING_NS:
            self.kept[identity] = (stamp, digest)
        return digest


def file_digests(folder: Path, stamps: Stamps | None = None) -> dict[str, str]:
    """Every file under `folder`, by its path relative to it (sorted as strings), with the hash of
    its bytes; read again only where `stamps` does not know the file as it is."""
    digest = _sha256 if stamps is None else stamps.digest
    return {relative: digest(path) for relative, path in files_below(folder)}


def _sha256(path: str) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
