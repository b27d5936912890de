"""What the two commitment formats share: columns read by name, policy-area flags between two columns."""

from __future__ import annotations

from collections.abc import Callable

from .members import CountryResolver


class SheetFormat:
    """A source format read column by name from its header row. Subclasses name the first and last
    policy-area flag column and parse rows."""

    name: str
    first_flag: str
    last_flag: str

    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.index = {name.strip(): i for i, name in enumerate(header) if name.strip()}
        self.flags = [
            name.strip()
            for name in header[self.index[self.first_flag] : self.index[self.last_flag] + 1]
            if name.strip()
        ]
        self.countries = CountryResolver()

    def reader(self, cells: list[str]) -> Callable[[str], str]:
        """`cell(column)` for one row: the value under that column, empty where the row is short."""

        def cell(column: str) -> str:
            i = self.index[column]
            return cells[i] if i < len(cells) else ""

        return cell
