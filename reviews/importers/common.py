"""What both OGP formats share: the error type, what makes a file unreadable, and the cell parsers
(the parsed-row records are in records.py, date cells in dates.py, the header in headers.py, the
importer's report in summary.py).

Every parser takes the raw cell and the column name and raises `ImportRowError` (with the row) for a
value it cannot read exactly; nothing here guesses.
"""

from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from django.utils.translation import gettext as _

from commitments.models import CompletionLevel, strip_accents
from reviews.models import (
    EarlyResults,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
    Specificity,
)

# Cells that mean "no value" in every OGP file: no data yet, not relevant / not reported, not
# applicable, and a dash (hyphen, en or em) as a spreadsheet leaves for nothing.
MISSING = frozenset({"", "nd", "nr", "na", "n/a", "n.a.", "n.a", "-", "\u2013", "\u2014"})
# Extra spellings of "nobody named" in the institution columns ("TBD": nobody yet).
NO_ORGANIZATION = MISSING | {"none", "none specified", "not specified", "tbd", "to be determined"}


class ImportRowError(Exception):
    """A problem that makes a row (or the file) unreadable: the file is refused, nothing is written.

    `row` is the row number as a spreadsheet shows it (header rows included); `commitment` the
    commitment id (or what identifies the row) when the row has one."""

    def __init__(
        self,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        commitment: str = "",
    ):
        self.row, self.column, self.message, self.commitment = row, column, message, commitment
        super().__init__(message)

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.commitment:
            where.append(self.commitment)
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRefused(ImportRowError):
    """Every problem found in one read of the file; the file is refused and nothing is written."""

    SHOWN = 50

    def __init__(self, problems: list[ImportRowError]):
        self.problems = problems
        first = problems[0]
        super().__init__(first.message, row=first.row, column=first.column)

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(_("... and %(n)d more problems") % {"n": len(self.problems) - self.SHOWN})
        heading = _("%(n)d problem(s) make the file unreadable") % {"n": len(self.problems)}
        return heading + ":\n  " + "\n  ".join(lines)


class RowNotes:
    """Warnings about one row's cells, as (column, message): the row still imports."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def warn(self, column: str, message: str) -> None:
        self.items.append((column, message))


def is_missing(value: str) -> bool:
    return value.strip().casefold() in MISSING


# --- Reading a file: what makes it unreadable ----------------------------------------------------------


def row_shape_problem(cells: list[str], header: list[str], row: int) -> ImportRowError | None:
    """Why a row cannot be read cell by cell: a NUL byte, or a cell count that differs from the
    header's (a file cut off part-way, a broken row). Empty cells past the last named column
    are allowed to be left out or added."""
    if any("\x00" in c for c in cells):
        return ImportRowError(
            _("the row holds a NUL byte: the file is damaged or not a CSV export"), row=row
        )
    width = len(header)
    named = max((i + 1 for i, name in enumerate(header) if name.strip()), default=0)
    if len(cells) < named or (len(cells) > width and any(c.strip() for c in cells[width:])):
        return ImportRowError(
            _(
                "%(n)d cells where the header has %(width)d: the file is cut off here or the row "
                "is broken (a stray quote or separator)"
            )
            % {"n": len(cells), "width": width},
            row=row,
        )
    return None


# The longest cell read, in characters. The csv module's own limit (131,072) refused a full text
# pasted with its annexes as "a stray or unclosed quote"; a cell longer than this is one.
CELL_LIMIT = 16 * 1024 * 1024


def csv_reader(stream, path: Path, *, strict: bool = True):
    """The rows of an OGP file opened as `stream`, with its separator, cells up to CELL_LIMIT."""
    # The limit is the csv module's, for the whole process: only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), CELL_LIMIT))
    return csv.reader(stream, strict=strict, delimiter=delimiter(path))


def csv_problem(error: csv.Error) -> str:
    """What a CSV parse error means for the person holding the file."""
    if "unexpected end of data" in str(error):
        return _("the file ends inside a quoted cell: it is cut off, or a quote is never closed")
    if "field larger than field limit" in str(error):
        return _(
            "a cell longer than %(limit)s characters: a quote is never closed, or the file is "
            "not CSV text"
        ) % {"limit": f"{CELL_LIMIT:,}"}
    return _("a stray or unclosed quote: %(error)s") % {"error": error}


# The first bytes of a spreadsheet workbook: a zip (.xlsx, .ods) or an OLE file (.xls).
WORKBOOK_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def check_encoding(path: Path) -> None:
    """Refuse, saying what to do, a file that is not text at all (a workbook) or not UTF-8 text
    in a way its first bytes tell (UTF-16); other bytes are checked as the file is read."""
    with path.open("rb") as stream:
        head = stream.read(8)
    if head.startswith(WORKBOOK_SIGNATURES):
        raise ImportRowError(
            _(
                "the file is a spreadsheet workbook (Excel or OpenDocument), not CSV text; open "
                "it and save it as “CSV UTF-8”, then import that"
            ),
            row=1,
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportRowError(
            _("the file is UTF-16 text; save it as “CSV UTF-8” and import that"), row=1
        )


# How far down a file its header is looked for: below a title row or blank lines an export left.
HEADER_SEARCH_ROWS = 10


# The separators a “CSV” is found saved with, the usual one first (it wins a tie).
SEPARATORS = (",", ";", "\t")


def delimiter(path: Path) -> str:
    """The file's separator: `;` where a spreadsheet set to a decimal-comma language (Excel in
    Spanish, French...) saved the “CSV” with semicolons, a tab where it was saved as tab-delimited
    text (or pasted from a sheet) under a .csv name, told by the header line (the first line of
    more than a few cells: not a title or a blank line above it); `,` otherwise."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as stream:
        lines = [stream.readline() for _line in range(HEADER_SEARCH_ROWS)]
    header = next(
        (line for line in lines if max(map(line.count, SEPARATORS)) > 4),
        lines[0],
    )
    return max(SEPARATORS, key=header.count)


def first_undecodable_byte(path: Path) -> tuple[int, int] | None:
    """(row, byte) of the first byte that is not UTF-8, the row as a spreadsheet numbers it (a cell
    over several lines is one row). Decoding stops at a buffer, not a row, so the error itself
    cannot say where the byte is."""
    with path.open(newline="", encoding="utf-8-sig", errors="surrogateescape") as stream:
        try:
            for row, cells in enumerate(csv_reader(stream, path, strict=False), start=1):
                for cell in cells:
                    for char in cell:
                        if "\udc80" <= char <= "\udcff":
                            return row, ord(char) - 0xDC00
        except csv.Error:
            return None
    return None


# --- Scales -------------------------------------------------------------------------------------------


_LABEL_LETTER = re.compile(r"^[a-e]\.\s+")


def _label_key(label: str) -> str:
    """`c. Substantial` -> `substantial`; `a. Not Started` -> `not started`."""
    key = " ".join(label.strip().casefold().split())
    return _LABEL_LETTER.sub("", key)


# Known labels (as keys) -> stored value. "" marks a label that is known but rates nothing.
SCALES: dict[str, dict[str, str]] = {
    "specificity": {
        "none": Specificity.NONE,
        "low": Specificity.LOW,
        "medium": Specificity.MEDIUM,
        "high": Specificity.HIGH,
    },
    "potential_impact": {
        "none": PotentialImpact.NONE,
        "minor": PotentialImpact.MINOR,
        "moderate": PotentialImpact.MODERATE,
        "transformative": PotentialImpact.TRANSFORMATIVE,
        "unclear": PotentialImpact.UNCLEAR,
    },
    "potential_for_results": {
        "unclear": PotentialForResults.UNCLEAR,
        "modest": PotentialForResults.MODEST,
        "substantial": PotentialForResults.SUBSTANTIAL,
    },
    "completion": {
        "not started": CompletionLevel.NOT_STARTED,
        "limited": CompletionLevel.LIMITED,
        "substantial": CompletionLevel.SUBSTANTIAL,
        "complete": CompletionLevel.COMPLETE,
        "withdrawn": CompletionLevel.WITHDRAWN,
        "unclear": CompletionLevel.UNCLEAR,
        "no evidence available": CompletionLevel.NO_EVIDENCE,
    },
    "opened_government": {
        # The Explorer writes `b. None` for "did not change".
        "none": OpenedGovernment.DID_NOT_CHANGE,
        "did not change": OpenedGovernment.DID_NOT_CHANGE,
        "worsens": OpenedGovernment.WORSENED,
        "worsened": OpenedGovernment.WORSENED,
        "marginal": OpenedGovernment.MARGINAL,
        "major": OpenedGovernment.MAJOR,
        "outstanding": OpenedGovernment.OUTSTANDING,
        # Not a rating: the label is kept, the scale stays blank.
        "no early results to report yet": "",
    },
    "early_results": {
        "no early results to report yet": EarlyResults.NONE_YET,
        "no notable results": EarlyResults.NO_NOTABLE,
        "marginal": EarlyResults.MARGINAL,
        "moderate": EarlyResults.MODERATE,
        "significant": EarlyResults.SIGNIFICANT,
        "outstanding": EarlyResults.OUTSTANDING,
    },
}


def parse_scale(
    scale: str, raw: str, *, row: int, column: str, notes: RowNotes | None = None
) -> tuple[str, str]:
    """(stored value, label as it arrived). ND/NR/NA/empty give a blank value.

    A label outside the known vocabulary is kept as it arrived, with the scale left unrated (shown
    as its label), and a warning in `notes`; without `notes` it stops the row."""
    label = " ".join(raw.split())
    if is_missing(label):
        return "", label
    try:
        return SCALES[scale][_label_key(label)], label
    except KeyError:
        known = ", ".join(sorted(SCALES[scale]))
        message = _("unknown label “%(label)s” kept as written, not rated (known: %(known)s)") % {
            "label": label,
            "known": known,
        }
        if notes is None:
            raise ImportRowError(message, row=row, column=column) from None
        notes.warn(column, message)
        return "", label


# How a yes/no cell is written: 0/1 (1.0/0.0 as a spreadsheet exports them), Yes/No, Y/N, True/False.
_FLAG_TRUE = frozenset({"1", "1.0", "yes", "y", "true"})
_FLAG_FALSE = frozenset({"0", "0.0", "no", "n", "false"})


def flag_value(raw: str) -> bool | None:
    """A yes/no cell (`1`, ` 1.0 `, `Yes`, `n`...) -> True or False; None for anything else."""
    value = raw.strip().casefold()
    if value in _FLAG_TRUE:
        return True
    if value in _FLAG_FALSE:
        return False
    return None


def parse_flag(raw: str, *, column: str, notes: RowNotes) -> bool | None:
    """0/1 flags (also Yes/No, 1.0/0.0: `flag_value`); ND/NR/NA/empty -> None. Anything else is
    unknown: None with a warning in `notes`; a flag never stops the row."""
    if is_missing(raw):
        return None
    if (value := flag_value(raw)) is not None:
        return value
    message = _("expected 0 or 1, found “%(value)s”: read as unknown") % {"value": raw.strip()}
    notes.warn(column, message)
    return None


# A whole number as written or as a spreadsheet exports it (`2014.0`, `1.0`); nine digits at most,
# which every integer column holds.
_WHOLE_NUMBER = re.compile(r"(\d{1,9})(?:\.0+)?")


def whole_number(raw: str) -> int | None:
    """`2014`, `2014.0`, ` 1.0 ` -> the number; None for anything else (`2,012`, `1.5`, `two`)."""
    match = _WHOLE_NUMBER.fullmatch(" ".join(raw.split()))
    return int(match[1]) if match else None


def parse_int(
    raw: str, *, row: int, column: str, required: bool = False, notes: RowNotes | None = None
) -> int | None:
    """A whole number (`2014`, also `2014.0` as spreadsheets export it). An optional cell that holds
    something else is read as unknown with a warning in `notes`; a required one stops the row."""
    value = " ".join(raw.split())
    if not required and is_missing(value):
        return None
    number = whole_number(value)
    if number is not None and number <= 9999:
        return number
    message = _("expected a whole number, found “%(value)s”") % {"value": value}
    if required or notes is None:
        raise ImportRowError(message, row=row, column=column)
    notes.warn(column, message + _(": read as unknown"))
    return None


# --- Text ---------------------------------------------------------------------------------------------


# The `<br/>` line wraps some cells carry.
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def clean_text(raw: str) -> str:
    """Trim, turn the `<br/>` line wraps some cells carry into spaces, and drop missing markers."""
    text = LINE_BREAK_TAG.sub(" ", raw).strip()
    return "" if is_missing(text) else text


def fit(text: str, limit: int) -> tuple[str, bool]:
    """Shorten `text` to a column's length at a word boundary; (text, was it shortened)."""
    if len(text) <= limit:
        return text, False
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…", True


def plain(text: str) -> str:
    return strip_accents(text).casefold()


def contact_values(contacts, *, name: str = "", email: str = "", phone: str = "") -> dict:
    """A commitment's contact fields: the file's contact columns, then what the institution cells
    held that was a person, an email or a telephone (see organizations.Contacts)."""

    def joined(given: str, found: list[str], limit: int) -> str:
        items = [clean_text(given)] if clean_text(given) else []
        items += [x for x in found if x not in items]
        return fit("; ".join(items), limit)[0]

    return {
        "contact_name": joined(name, contacts.names, 300),
        "contact_email": joined(email, contacts.emails, 300),
        "contact_phone": joined(phone, contacts.phones, 200),
    }
