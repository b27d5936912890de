"""Import OGP commitments and their IRM assessments from either OGP format, all or nothing.

Formats (told apart by the header): the 2017 IRM Explorer table (`explorer_2017`) and OGP's current
commitments sheet (`current_sheet`). The file is read as a stream and written in batches (`writer`).

Identity rule (README, "Importing OGP data"), which makes a second run of a file change nothing and
the order of files irrelevant:
- a row of a file with OGP's ids (current sheet) is the commitment with that id. OGP's prefixes are
  taken as they are (UK, MO, PNG, XK), never checked against ISO;
- a row of a file without ids (Explorer) has a source key: member, plan number, commitment number
  and occurrence of that number in the plan. It is the commitment with that key; a new one gets a
  provisional id, marked as such (PE-P0008: the member's prefix, -P, its position among the
  member's rows);
- reconciliation: a row with OGP's id matches a provisional commitment of the same plan, title
  first (identity.py: the same or a nearly identical title, else the same number with a similar
  title); the commitment takes the real id and its old address redirects. A row without ids that
  matches a commitment holding OGP's id only adds what that file did not give. Anything that
  would re-point an id at a different commitment is a conflict: reported, not written;
- plans by ogp_id (AP_ + member code + two digits); members by code; organisations by member and
  normalised name or alias; IRM reports by (plan, kind); assessments by (report, commitment).
Only rows whose values changed are written; history records every created or changed row.

What makes rows unreadable refuses the file, every such problem reported in one run with its
spreadsheet row, commitment and column: a missing required column (with the near-miss header),
a duplicate header, a row whose cell count differs from the header (a cut-off file), an unclosed
quote, a NUL byte, bytes that are not UTF-8, a workbook (.xlsx, .ods, .xls) given as CSV, no header
in the first rows, a commitment number longer than its column, a header part-way (two exports
joined) that is not the header above it (columns added, left out, renamed or in another language:
the rows below it are not read). The import is one transaction: refused means nothing written.
Anything else imports; a value outside the known vocabulary is kept as written, read as unknown,
and reported as a warning, and so are rows above the header, a header repeated part-way (skipped;
the same columns in another order are read by name from there) and a header with no rows.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections.abc import Callable
from difflib import get_close_matches
from pathlib import Path
from types import ModuleType

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from reviews.models import ImportFormat

from . import current_sheet, explorer_2017
from .common import (
    HEADER_SEARCH_ROWS,
    ImportRefused,
    ImportRowError,
    check_encoding,
    csv_problem,
    csv_reader,
    first_undecodable_byte,
    row_shape_problem,
)
from .headers import HeaderInForce, column_key, header_names, no_rows_warning
from .summary import Summary
from .writer import Writer

__all__ = ["ImportRefused", "ImportRowError", "Summary", "import_ogp_irm"]


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


# Problems collected before the import gives up reading (the file is refused either way).
MAX_PROBLEMS = 1000


def _find_header(reader) -> tuple[ModuleType, int, list[list[str]]]:
    """(format module, index of the header's first row, the rows read so far): the header is the
    first row, among the first HEADER_SEARCH_ROWS, that either format's header starts with."""
    read: list[list[str]] = []

    def at(i: int) -> list[str] | None:
        try:
            while len(read) <= i and (cells := next(reader, None)) is not None:
                read.append(cells)
        except csv.Error as exc:
            raise ImportRowError(csv_problem(exc), row=len(read) + 1) from None
        return read[i] if i < len(read) else None

    for i in range(HEADER_SEARCH_ROWS):
        cells = at(i)
        if cells is None:
            break
        if current_sheet.detect(cells):
            return current_sheet, i, read
        if not _blank(cells) and explorer_2017.detect(cells, at(i + 1)):
            return explorer_2017, i, read
    if all(_blank(cells) for cells in read):
        raise ImportRowError(_("the file is empty"), row=1)
    raise ImportRowError(
        _(
            "unrecognised header: neither the 2017 IRM Explorer table (column numbers on row 1, "
            "names on row 2) nor the OGP commitments sheet (with “%(id)s”) in the first %(n)d rows"
        )
        % {"id": current_sheet.ID, "n": HEADER_SEARCH_ROWS},
        row=1,
    )


def _open_format(module: ModuleType, header: list[str], row: int, problems: list[ImportRowError]):
    """The format object for the header on `row` (None when the header is unusable: `problems`
    says why)."""
    names = header_names(header, (*module.REQUIRED, *module.OPTIONAL))
    spellings: dict[str, list[str]] = {}
    for name in names:
        if name:
            spellings.setdefault(column_key(name), []).append(name)
    for same in spellings.values():
        if len(same) > 1:
            problems.append(
                ImportRowError(
                    _("the header names this column %(n)d times: which one holds the data?")
                    % {"n": len(same)},
                    row=row,
                    column=same[0],
                )
            )
    for name in module.REQUIRED:
        if name not in names:
            near = get_close_matches(name, [n for n in names if n], n=1, cutoff=0.75)
            hint = _(" (the header has “%(near)s”: renamed?)") % {"near": near[0]} if near else ""
            problems.append(
                ImportRowError(_("required column missing") + hint, row=row, column=name)
            )
    if problems:
        return None
    try:
        if module is explorer_2017:
            return explorer_2017.ExplorerFormat(names, row=row)
        return current_sheet.CurrentSheetFormat(names, row=row)
    except ImportRowError as error:
        problems.append(error)
        return None


def import_ogp_irm(
    *,
    path: Path | str,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportFormat, Summary]:
    """Import one file; returns (its format, summary).

    Everything that makes rows unreadable is reported in one run (ImportRefused, each problem with
    its spreadsheet row, commitment and column), and then nothing is written. Anything else
    imports, with warnings in the summary. With dry_run everything is done and then rolled back."""
    path = Path(path)
    row = 0  # the row as a spreadsheet numbers it: records, not text lines
    problems: list[ImportRowError] = []
    try:
        check_encoding(path)
        with path.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv_reader(stream, path)
            module, start, read = _find_header(reader)
            row = start + module.HEADER_ROWS  # the header's last row
            fmt = _open_format(module, read[row - 1], row, problems)
            if fmt is None:
                raise ImportRefused(problems)
            header = HeaderInForce(
                [*read[start : row - 1], fmt.header], (*module.REQUIRED, *module.OPTIONAL), row=row
            )
            data_rows = 0
            with transaction.atomic():
                writer = Writer(
                    source_file=path.name,
                    progress=progress,
                    sha256=file_sha256(path),
                    file_format=fmt.name,
                )
                for above in range(1, start + 1):
                    writer.summary.warn(_("a row above the header, skipped"), above)
                for cells in itertools.chain(read[row:], reader):
                    row += 1
                    if _blank(cells):
                        continue
                    try:
                        again = header.again(cells, row)
                    except ImportRowError as error:
                        problems.append(error)
                        break
                    if again is not None:
                        warning, names = again
                        writer.summary.warn(warning, row)
                        if names is not None:
                            fmt.read_by(names)
                        continue
                    data_rows += 1
                    problem = row_shape_problem(cells, fmt.header, row)
                    try:
                        if problem is not None:
                            raise problem
                        record = fmt.parse(row, cells)
                        record.raw = {
                            name: cell
                            for name, cell in zip(fmt.header, cells, strict=False)
                            if name and cell.strip()
                        }
                        if not problems:
                            writer.add(record, fmt.row_id(cells))
                    except ImportRowError as error:
                        error.row = error.row or row
                        error.commitment = error.commitment or fmt.row_id(cells)
                        problems.append(error)
                        if len(problems) >= MAX_PROBLEMS:
                            break
                if not problems:
                    writer.settle()
                problems += writer.problems
                if problems:
                    raise ImportRefused(sorted(problems, key=lambda p: p.row or 0))
                summary = writer.finish()
                if not data_rows:
                    summary.warn(no_rows_warning())
                if dry_run:
                    transaction.set_rollback(True)
    except ImportRowError:
        raise
    except OSError as exc:
        raise ImportRowError(
            _("cannot read the file: %(error)s") % {"error": exc.strerror or exc}
        ) from None
    except UnicodeDecodeError as exc:
        row, byte = first_undecodable_byte(path) or (row + 1, exc.object[exc.start])
        raise ImportRowError(
            _(
                "byte %(byte)s is not UTF-8 text (a Latin-1 or Windows export?); save the sheet as "
                "“CSV UTF-8” and import that"
            )
            % {"byte": f"0x{byte:02X}"},
            row=row,
        ) from None
    except csv.Error as exc:
        raise ImportRowError(csv_problem(exc), row=row + 1) from None
    except DatabaseError as exc:
        raise ImportRowError(
            _("the database refused rows up to %(row)d: %(error)s") % {"row": row, "error": exc}
        ) from None
    return fmt.code, summary


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
