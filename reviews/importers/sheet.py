"""What the two commitment formats share: columns read by name, the columns both name alike (title,
texts, dates, institutions, cluster), policy-area flags between two columns."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.models import Commitment
from reviews.models import ImportFormat

from .common import ImportRowError, RowNotes, clean_text, parse_flag
from .dates import date_fields
from .headers import SHOWN_NAMES
from .members import CountryResolver
from .organizations import Contacts, split_lead, split_supporting

# The IRM's own coded verdict on relevance (optional: older exports may lack it).
RELEVANT = "_Relevant"
# The longest commitment number stored (`1:h`, `2.1`, `3.3.3.7` as OGP writes them).
NUMBER_LENGTH = Commitment._meta.get_field("number").max_length
# Columns both formats name alike and require, in this order (each adds "Theme" before them).
TEXT_COLUMNS = (
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
)


class SheetFormat:
    """A source format read column by name from its header row. Subclasses name the first and last
    policy-area flag column and the OGP value columns, and parse rows."""

    name: str
    code: ImportFormat
    first_flag: str
    last_flag: str
    # The OGP value columns: column name -> value (access_to_information, ...).
    value_columns: dict[str, str]
    # Every column read by its name (none of them is a policy area).
    columns: tuple[str, ...]

    def __init__(self, header: list[str], *, row: int) -> None:
        """Read by the header on spreadsheet row `row`. A header whose policy-area columns are not
        laid out as OGP lays them out is refused (ImportRowError): they cannot be told apart."""
        self.read_by(header)
        first, last = self.index[self.first_flag], self.index[self.last_flag]
        if last < first:
            raise ImportRowError(
                _(
                    "comes before “%(first)s”: the policy areas are the columns from that one to "
                    "this one (columns moved or sorted?)"
                )
                % {"first": self.first_flag},
                row=row,
                column=self.last_flag,
            )
        self.flags = [name.strip() for name in header[first : last + 1] if name.strip()]
        if among := [name for name in self.flags[1:-1] if name in self.columns]:
            shown = ", ".join(f"“{name}”" for name in among[:SHOWN_NAMES])
            if len(among) > SHOWN_NAMES:
                shown += " " + _("and %(n)d more") % {"n": len(among) - SHOWN_NAMES}
            raise ImportRowError(
                ngettext(
                    "the policy areas are the columns from “%(first)s” to “%(last)s”, and "
                    "%(names)s stands between them (columns moved or sorted?)",
                    "the policy areas are the columns from “%(first)s” to “%(last)s”, and "
                    "%(names)s stand between them (columns moved or sorted?)",
                    len(among),
                )
                % {"first": self.first_flag, "last": self.last_flag, "names": shown},
                row=row,
            )
        self.countries = CountryResolver()

    def read_by(self, header: list[str]) -> None:
        """Read the rows from here on under `header`: the file's header, or the same names in
        another order further down (headers.HeaderInForce). The policy areas stay the columns the
        file's header has between its first and last flag."""
        self.header = header
        self.index = {name.strip(): i for i, name in enumerate(header) if name.strip()}

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

    @staticmethod
    def number(cell: Callable[[str], str], row: int, column: str) -> str:
        """The commitment's number in its plan. It is part of the commitment's identity (the
        source key of a row without an id, the number a row is matched by), so one longer than
        its column is refused, never cut: two cut alike would be one commitment."""
        number = clean_text(cell(column))
        if len(number) > NUMBER_LENGTH:
            raise ImportRowError(
                _(
                    "%(n)d characters where a commitment number holds at most %(limit)d (a text "
                    "in the number's column?)"
                )
                % {"n": len(number), "limit": NUMBER_LENGTH},
                row=row,
                column=column,
            )
        return number

    def relevance(self, cell: Callable[[str], str], notes: RowNotes) -> dict[str, bool | None]:
        """`relevant_<value>` for each OGP value column, and `relevant` where the file has it."""
        relevance = {
            f"relevant_{value}": parse_flag(cell(column), column=column, notes=notes)
            for column, value in self.value_columns.items()
        }
        if RELEVANT in self.index:
            relevance["relevant"] = parse_flag(cell(RELEVANT), column=RELEVANT, notes=notes)
        return relevance

    def institutions(self, cell: Callable[[str], str]) -> tuple[Contacts, list[str], list[str]]:
        """The lead and supporting institutions, and the people, emails and telephones their cells
        held."""
        contacts = Contacts()
        lead = split_lead(cell("Lead Institution"), contacts)
        supporting = split_supporting(cell("Supporting Institution(s)"), contacts)
        return contacts, lead, supporting

    def texts(
        self,
        cell: Callable[[str], str],
        notes: RowNotes,
        *,
        row: int,
        number: str,
        title: str,
        relevance: dict[str, bool | None],
        plan_end_year: int | None = None,
    ) -> dict[str, object]:
        """The commitment's number (from the `number` column), texts, dates and OGP values."""
        return {
            "number": self.number(cell, row, number),
            "title": title,
            "short_title": cell("Short Title").strip(),
            "full_text": clean_text(cell("Full Text")),
            "theme": clean_text(cell("Theme")),
            "cluster": clean_text(cell("Cluster")),
            **date_fields(cell("Start Date"), cell("End Date"), notes, plan_end_year=plan_end_year),
            **{f"value_{v}": bool(relevance[f"relevant_{v}"]) for v in self.value_columns.values()},
        }

    def policy_areas(self, cell: Callable[[str], str], notes: RowNotes) -> list[str]:
        """The policy areas whose flag column the row sets."""
        return [name for name in self.flags if parse_flag(cell(name), column=name, notes=notes)]
