"""Import OGP commitments and their IRM assessments from either OGP format, all or nothing.

Formats (told apart by the header): the 2017 IRM Explorer table (`explorer_2017`) and OGP's current
commitments sheet (`current_sheet`). The file is read as a stream and written in batches (`writer`).

Identity rule, which makes a second run of the same file change nothing:
- a commitment is identified by its OGP id when the file has one (current sheet); otherwise
  (Explorer) by (source file, member, plan number, row position among that member's rows), which is
  turned into the id OGP would give: the member's prefix and a running count of its rows in file
  order across its plans (Peru: PE0001...; PE0008 is plan 1's `1:h`);
- plans by ogp_id (AP_ + member code + two digits); members by code; organisations by member and
  normalised name or alias; IRM reports by (plan, kind); assessments by (report, commitment).
Only rows whose values changed are written; history records every created or changed row.

`added_after_approval`: a row whose `Comm No` repeats a number seen earlier in the same plan
(Peru plan 1's second `4:A`) is a commitment added after the plan was approved.

A file that cannot be read, a missing column, or a row that cannot be placed stops the import with
the row and column; the whole import is one transaction, so nothing is written then.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from . import current_sheet, explorer_2017
from .common import ImportRowError
from .writer import Summary, Writer

__all__ = ["ImportRowError", "Summary", "import_ogp_irm"]


def _blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def _open_format(reader, rows: list[int]):
    """Read the header row(s) and return the format object; `rows[0]` tracks the line number."""
    first = next(reader, None)
    rows[0] = reader.line_num
    if first is None:
        raise ImportRowError(_("the file is empty"), row=1)
    if current_sheet.detect(first):
        header, module = first, current_sheet
    else:
        second = next(reader, None)
        rows[0] = reader.line_num
        if not explorer_2017.detect(first, second):
            raise ImportRowError(
                _(
                    "unrecognised header: neither the 2017 IRM Explorer table (column numbers on "
                    "row 1, names on row 2) nor the OGP commitments sheet (with “%(id)s”)"
                )
                % {"id": current_sheet.ID},
                row=1,
            )
        header, module = second, explorer_2017
    names = {c.strip() for c in header}
    missing = [c for c in module.REQUIRED if c not in names]
    if missing:
        raise ImportRowError(
            _("required column(s) missing: %(columns)s") % {"columns": ", ".join(missing)},
            row=module.HEADER_ROWS,
            column=missing[0],
        )
    if module is explorer_2017:
        return explorer_2017.ExplorerFormat(header)
    return current_sheet.CurrentSheetFormat(header)


def import_ogp_irm(
    *,
    path: Path | str,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[str, Summary]:
    """Import one file; returns (format name, summary). Raises ImportRowError; writes nothing then.
    With dry_run everything is done and then rolled back."""
    path = Path(path)
    rows = [0]  # the last physical line read, for messages
    try:
        with path.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream)
            fmt = _open_format(reader, rows)
            with transaction.atomic():
                writer = Writer(source_file=path.name, progress=progress)
                for cells in reader:
                    row, rows[0] = rows[0] + 1, reader.line_num
                    if not _blank(cells):
                        writer.add(fmt.parse(row, cells))
                summary = writer.finish()
                if dry_run:
                    transaction.set_rollback(True)
    except OSError as exc:
        raise ImportRowError(
            _("cannot read the file: %(error)s") % {"error": exc.strerror or exc}
        ) from None
    except UnicodeDecodeError:
        raise ImportRowError(
            _("the file is not UTF-8 text; is it a CSV export?"), row=rows[0] + 1
        ) from None
    except csv.Error as exc:
        raise ImportRowError(
            _("not a readable CSV file: %(error)s") % {"error": exc}, row=rows[0] + 1
        ) from None
    except DatabaseError as exc:
        raise ImportRowError(
            _("the database refused rows up to %(row)d: %(error)s") % {"row": rows[0], "error": exc}
        ) from None
    return fmt.name, summary
