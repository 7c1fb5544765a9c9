"""A problem found in a data file, and how it is printed for people and for GitHub."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str

    def display_path(self, base: Path | None = None) -> str:
        """The path relative to `base` (default: the current directory) when inside it."""
        base = (Path.cwd() if base is None else base).resolve()
        try:
            return self.path.resolve().relative_to(base).as_posix()
        except ValueError:  # outside: the full path says where it is
            return str(self.path)

    def format(self, base: Path | None = None) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.display_path(base)}:{self.line}:{field} {self.message}"

    def github(self, base: Path | None = None) -> str:
        # https://docs.github.com/actions/reference/workflow-commands-for-github-actions
        text = (f"{self.field}: " if self.field else "") + self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        # A property also escapes its separators: a file named "a,b.yaml" stays one file.
        path = self.display_path(base).replace("%", "%25").replace("\r", "%0D")
        path = path.replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
        return f"::error file={path},line={self.line}::{text}"


class DataError(Exception):
    """Raised when data files are invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problème(s) dans les données")

    def report(self, base: Path | None = None) -> str:
        lines = [p.format(base) for p in self.problems]
        count = len(self.problems)
        files = len({p.path for p in self.problems})
        lines.append(
            f"{count} problème{'s' if count > 1 else ''} dans {files} fichier{'s' if files > 1 else ''}."
        )
        return "\n".join(lines)
