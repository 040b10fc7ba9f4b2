"""Writing generated files into docs/: only inside its generated folders, and only what changed, so a
live preview rebuilds just what an edit touched."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from casebook.core import routes
from casebook.core.tree import files_below


def write_generated(docs_dir: Path, rendered: Iterable[tuple[str, str | bytes]]) -> list[str]:
    """Write generated files into docs/ as they come, changing only what differs (so a live
    preview rebuilds only what changed); returns the paths of all of them. Only the generated
    folders of docs/ are ever written (routes.generated_target)."""
    generated = []
    for rel, content in rendered:
        target = routes.generated_target(docs_dir, rel)
        generated.append(rel)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if _holds(target, data):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return generated


def _holds(target: Path, data: bytes) -> bool:
    """Whether the file at `target` holds exactly `data`; read a piece at a time, since the open
    data files run to tens of megabytes."""
    if not target.is_file() or target.stat().st_size != len(data):
        return False
    with open(target, "rb") as file:
        return all(file.read(len(piece)) == piece for piece in _pieces(memoryview(data)))


def _pieces(data: memoryview, size: int = 1 << 20) -> Iterator[memoryview]:
    return (data[start:start + size] for start in range(0, len(data), size))


def remove_stale(docs_dir: Path, generated: Iterable[str]) -> None:
    """Remove the files of the generated folders that the complete site no longer has."""
    generated = set(generated)
    for folder in routes.GENERATED_DIRS:
        if (docs_dir / folder).is_dir():
            for relative, path in files_below(docs_dir / folder):
                if f"{folder}/{relative}" not in generated:
                    os.unlink(path)
