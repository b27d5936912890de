"""What the two commitment formats share: columns read by name, policy-area flags between two columns."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from .common import ImportRowError, RowNotes, clean_text, parse_flag
from .members import CountryResolver
from .organizations import Contacts, split_lead, split_supporting

# The IRM's own coded verdict on relevance (optional: older exports may lack it).
RELEVANT = "_Relevant"


class SheetFormat:
    """A source format read column by name from its header row. Subclasses name the first and last
    policy-area flag column and the OGP value columns, and parse rows."""

    name: str
    first_flag: str
    last_flag: str
    # The OGP value columns: column name -> value (access_to_information, ...).
    value_columns: dict[str, str]

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

    def title(self, cell: Callable[[str], str], row: int) -> str:
        """The commitment's title, else its short title; a row with neither is refused."""
        title = cell("Commitment Title").strip() or cell("Short Title").strip()
        if not title:
            raise ImportRowError(
                _("the commitment has no title"), row=row, column="Commitment Title"
            )
        return title

    def texts(self, cell: Callable[[str], str], row: int, number_column: str) -> dict[str, str]:
        """The commitment's number (under `number_column`), title, short title, full text and
        theme; a row with no title is refused."""
        return {
            "number": clean_text(cell(number_column)),
            "title": self.title(cell, row),
            "short_title": cell("Short Title").strip(),
            "full_text": clean_text(cell("Full Text")),
            "theme": clean_text(cell("Theme")),
        }

    @staticmethod
    def institutions(cell: Callable[[str], str]) -> tuple[list[str], list[str], Contacts]:
        """The lead and supporting institutions, and the people, emails and telephones written
        among them."""
        contacts = Contacts()
        lead = split_lead(cell("Lead Institution"), contacts)
        supporting = split_supporting(cell("Supporting Institution(s)"), contacts)
        return lead, supporting, contacts

    def policy_areas(self, cell: Callable[[str], str], row: int, notes: RowNotes) -> list[str]:
        """The policy areas whose flag column the row sets."""
        return [
            name for name in self.flags if parse_flag(cell(name), row=row, column=name, notes=notes)
        ]

    def relevance(
        self, cell: Callable[[str], str], row: int, notes: RowNotes
    ) -> dict[str, bool | None]:
        """`relevant_<value>` for each OGP value column, and `relevant` where the file has it."""
        relevance = {
            f"relevant_{value}": parse_flag(cell(column), row=row, column=column, notes=notes)
            for column, value in self.value_columns.items()
        }
        if RELEVANT in self.index:
            relevance["relevant"] = parse_flag(
                cell(RELEVANT), row=row, column=RELEVANT, notes=notes
            )
        return relevance
