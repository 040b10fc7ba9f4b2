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
        return f"{self.path.as_posix()}:{self.line}:{field} {self.message}"

    def annotation(self, kind: str = "error") -> str:
        """The same problem as a GitHub Actions workflow command (error or warning), shown on
        the changed line of the pull request."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path.as_posix()},line={self.line}::{text}"


class CaseErrors(Exception):
    """Raised when case files have problems; carries every problem found in one run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
