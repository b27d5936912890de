"""Downloads for people: the rows of a list page as a spreadsheet a reader can open.

The same rows, filters and order as the API's lists (one `fetch_rows` per viewset), but with column
names and values in the reader's language ("Limitado", not `limited`), the address of each row's
page on this site (from SITE_URL), and in two files: a CSV (UTF-8 with a byte-order mark, so a
spreadsheet does not garble "Contraloría") and an Excel workbook (.xlsx, which opens the same in
every regional setting, where a CSV's separator would depend on it). The API's own `?format=csv`
keeps its machine codes for programs.

Text that would start a formula gets the same leading quote as in the API's CSV (`neutralised`).
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .csv import Column, cell, iter_csv, neutralised, path_getter

BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Getter = Callable[[dict], Any]


@dataclass(frozen=True)
class PeopleColumn:
    """A column of a download: a translatable header and a value for a row (text, number or date)."""

    header: str | Promise
    get: Getter


# -- values ---------------------------------------------------------------------------------------


def value(path: str) -> Getter:
    """The value at a dotted path of the row ("member.code"); None where the path runs out."""
    return path_getter(tuple(path.split(".")))


def label(path: str, choices: Sequence[tuple[str, Any]]) -> Getter:
    """The label of a choice, in the reader's language ("Limitado" for `limited`)."""
    labels, at = dict(choices), value(path)

    def get(row: dict) -> Any:
        code = at(row)
        return str(labels.get(code, code)) if code else None

    return get


def labels(path: str, choices: Sequence[tuple[str, Any]]) -> Getter:
    found, at = label("code", choices), value(path)
    return lambda row: "; ".join(found({"code": code}) or "" for code in at(row) or [])


def names(path: str) -> Getter:
    """The names of a list of {id, name} references, joined."""
    at = value(path)
    return lambda row: "; ".join(ref["name"] for ref in at(row) or [])


def yes_no(path: str) -> Getter:
    at = value(path)

    def get(row: dict) -> Any:
        flag = at(row)
        return None if flag is None else (_("Yes") if flag else _("No"))

    return get


def date_or_text(path: str, text_path: str) -> Getter:
    """The date, or the date as written when it could not be read as one."""
    at, at_text = value(path), value(text_path)
    return lambda row: at(row) or at_text(row) or None


def page(view_name: str, kwarg: str, path: str) -> Getter:
    """The absolute address of the row's page on this site."""
    # Reversed once with a placeholder: 20,000 rows do not each walk the URL resolver.
    marker = "__ID__"
    template = settings.SITE_URL + reverse(view_name, kwargs={kwarg: marker})
    at = value(path)

    def get(row: dict) -> Any:
        key = at(row)
        return template.replace(marker, str(key)) if key else None

    return get


def page_with_query(view_name: str, parameter: str, path: str) -> Getter:
    base = settings.SITE_URL + reverse(view_name) + f"?{parameter}="
    at = value(path)
    return lambda row: base + str(at(row))


# -- files ----------------------------------------------------------------------------------------


def _csv_columns(columns: Sequence[PeopleColumn]) -> list[Column]:
    return [Column(capfirst(str(column.header)), _csv_getter(column.get)) for column in columns]


def _csv_getter(get: Getter) -> Callable[[dict], str]:
    return lambda row: cell(get(row))


def csv_response(
    rows: Iterable[dict], columns: Sequence[PeopleColumn], filename: str
) -> StreamingHttpResponse:
    """Every row as CSV, streamed line by line, with a byte-order mark for spreadsheets."""
    # Headers are translated here, in the request's language, before the stream starts.
    lines = iter_csv(rows, _csv_columns(columns))

    def encoded() -> Iterator[bytes]:
        yield BOM.encode("utf-8")
        for line in lines:
            yield line.encode("utf-8")

    response = StreamingHttpResponse(encoded(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        # Control characters cannot be stored in a workbook; text that starts a formula gets
        # the same quote as in the CSV.
        return neutralised(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def xlsx_response(rows: Iterable[dict], columns: Sequence[PeopleColumn], filename: str) -> Any:
    """Every row as an Excel workbook, written row by row to a temporary file (memory stays flat)
    and streamed from it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Data")[:31])
    sheet.freeze_panes = "A2"
    sheet.append([capfirst(str(column.header)) for column in columns])
    for row in rows:
        sheet.append([_xlsx_value(column.get(row)) for column in columns])
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response when sent
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
