"""What MkDocs prints while `casebook build` or `casebook serve` runs it, in Chinese for the editor.

MkDocs' routine lines are translated; those that describe only how the casebook runs it are left
out: the warning every dirty build gives (the live preview is dirty on purpose, and says so in
README.md), the stale files an incremental build finds (it removes them itself), the staging
folder it builds into. Any other line, a real problem, is shown as MkDocs wrote it, with its
level in Chinese, rather than hidden.
"""

from __future__ import annotations

import logging
import re

_CLOCK = r"(\[\d\d:\d\d:\d\d\] )?"  # the live-reload server's lines start with the time
# What MkDocs says → what the editor reads (None: not shown).
_LINES = tuple((re.compile(_CLOCK + pattern + "$"), text) for pattern, text in (
    (r"Building documentation\.\.\.", r"\1正在构建预览……"),
    (r"A 'dirty' build is being performed.*", None),
    (r"Cleaning site directory", None),
    (r"Building documentation to directory: .*", None),
    (r"The directory contains stale files\. Use --clean to remove them\.", None),
    (r"Documentation built in ([0-9.]+) seconds", r"\1页面已生成（\2 秒）"),
    (r"Watching paths for changes: (.*)", r"\1保存这些位置的文件后自动刷新：\2"),
    (r"Serving on (\S+)", r"\1预览地址：\2 （按 Ctrl+C 停止）"),
    (r"Detected file changes", r"\1发现文件改动"),
    (r"Reloading browsers", r"\1已刷新打开的预览页面"),
    (r"Browser connected: (\S+)", r"\1浏览器打开了 \2"),
    (r"Shutting down\.\.\.", r"\1正在停止预览……"),
))
_LEVELS = {"DEBUG": "调试", "INFO": "提示", "WARNING": "警告", "ERROR": "错误", "CRITICAL": "错误"}
# The handler MkDocs' command line prints with (mkdocs/__main__.py).
_MKDOCS_HANDLER = "MkDocsStreamHandler"


class ChineseLines(logging.Filter):
    """Translates or drops MkDocs' lines on their way to the terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for pattern, text in _LINES:
            found = pattern.match(message)
            if found:
                if text is None:
                    return False
                record.msg, record.args = found.expand(text), ()  # an unmatched clock expands to ""
                break
        record.levelname = _LEVELS.get(record.levelname, record.levelname)
        return True


def speak_chinese() -> None:
    """Put the filter on MkDocs' terminal output (called in the engine's process, once)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if handler.name == _MKDOCS_HANDLER and not any(isinstance(f, ChineseLines) for f in handler.filters):
            handler.addFilter(ChineseLines())
