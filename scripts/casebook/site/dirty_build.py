"""MkDocs' dirty build made exact, in the engine's process (see incremental.py for the whole of an
incremental build). Only what the engine's process needs is imported here: when `casebook build`
runs MkDocs, that process holds none of the casebook's rendering libraries."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from casebook.site.engine import CHANGED_DOCS


class DirtyBuild:
    """MkDocs' dirty build made exact, in the engine's process (called by the MkDocs hooks):
    the pages and files to build are those whose docs/ file changed (or whose output is
    missing), every file about to be written is unlinked first, and what a full build would not
    have made is removed after it."""

    def __init__(self, changed: set[str]):
        self.changed = changed
        self.files = None

    @classmethod
    def from_environment(cls) -> DirtyBuild | None:
        listed = os.environ.get(CHANGED_DOCS)
        if not listed:
            return None
        # Every dirty build warns that navigation may be stale; here it is not, and the build is strict.
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build"))
        return cls(set(json.loads(Path(listed).read_text(encoding="utf-8"))))

    def mark(self, files, config) -> None:
        """Decide each file's `is_modified` by the changed list, not by the files' times."""
        docs_dir = Path(config.docs_dir)
        for file in files:
            if file.abs_src_path is None:
                continue  # written from memory by a plugin: always written
            source = Path(file.abs_src_path)
            changed = source.is_relative_to(docs_dir) and file.src_uri in self.changed
            file.is_modified = _modified_test(changed, Path(file.abs_dest_path))
        self.files = files

    def prepare(self, config, pages) -> None:
        """Before MkDocs writes: give the pages it does not read again their front matter (the
        sitemap dates every page), and unlink what it is about to write."""
        from mkdocs.utils import meta

        for page in pages:
            if page.markdown is None:
                page.meta = meta.get_data(page.file.content_string)[1]
        for path in self._written(config):
            path.unlink(missing_ok=True)

    def prune(self, config) -> None:
        """Remove what the previous site had and this one does not make (a removed case's page,
        the casebook's search index and cards, which it writes again after the engine)."""
        from mkdocs.structure.files import InclusionLevel

        made = {os.path.normpath(f.abs_dest_path) for f in self.files if InclusionLevel.is_included(f.inclusion)}
        made |= {os.path.normpath(path) for path in _templates(config)}
        site = os.path.normpath(config.site_dir)
        for folder, _, files in os.walk(site, topdown=False):  # a folder after what it holds
            for name in files:
                if os.path.join(folder, name) not in made:
                    os.unlink(os.path.join(folder, name))
            if folder != site and not os.listdir(folder):
                os.rmdir(folder)

    def _written(self, config) -> list[Path]:
        return [Path(f.abs_dest_path) for f in self.files if f.is_modified()] + _templates(config)


def _modified_test(changed: bool, output: Path):
    return lambda: changed or not output.is_file()


def _templates(config) -> list[Path]:
    """The files MkDocs writes from templates in every build, dirty or not."""
    site = Path(config.site_dir)
    written = [site / name for name in (*config.theme.static_templates, *config.extra_templates)]
    return written + [site / "sitemap.xml.gz"]
