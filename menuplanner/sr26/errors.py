"""Problems found in data files, reported by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

from menuplanner.domain.errors import MenuplannerError


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None  # 1-based line in the file; None when the whole file is concerned
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        where += f", column {self.column}" if self.column else ""
        shown = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.reason}{shown}"


class DataFileError(MenuplannerError):
    """Raised when data files cannot be used; carries every problem found."""

    def __init__(self, summary: str, problems: list[Problem]) -> None:
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{summary} {first}{more}".strip())
