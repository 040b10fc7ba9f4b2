"""A problem found in a case file, and the one line an editor reads about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return _visible(f"{self.path.as_posix()}:{self.line}:{field} {self.message}")

    def annotation(self, kind: str = "error") -> str:
        """The same problem as a GitHub Actions workflow command (error or warning), shown on
        the changed line of the pull request."""
        text = _visible(f"{self.field}: {self.message}" if self.field else self.message)
        file = _escape_property(_visible(self.path.as_posix()))
        return f"::{kind} file={file},line={self.line}::{_escape_data(text)}"


def _visible(text: str) -> str:
    """File names and values quoted from a case may hold line breaks, terminal escape sequences or
    bidirectional controls; shown as \\uXXXX they cannot forge a line, a colour or a workflow command."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class CaseErrors(Exception):
    """Raised when case files have problems; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # raised in a child process, it comes back whole (parallel.py)
        return CaseErrors, (self.problems,)
