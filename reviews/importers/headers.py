"""The header of an OGP file: its names as compared and spelled, and the header in force as the
rows are read, which says what a row that reads as a header again is (two exports joined)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from difflib import get_close_matches

from django.utils.translation import gettext as _

from .common import ImportRowError, flag_value, is_missing, whole_number

# Characters that show nothing: a byte-order mark left inside the text (a "CSV UTF-8" file read
# without its own and saved again), zero-width spaces and joiners, a soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


def column_key(name: str) -> str:
    """A column name as compared: case, invisible characters and runs of spaces (non-breaking ones
    too) do not count, so a header retyped in capitals or pasted from a web page is the same."""
    return " ".join(name.translate(_INVISIBLE).split()).casefold()


def header_names(cells: list[str], known: Iterable[str]) -> list[str]:
    """A header row's names: each written as the importer writes it where it is one of `known`
    (compared by `column_key`), any other with its spaces tidied."""
    spelling = {column_key(name): name for name in known}
    return [spelling.get(column_key(c), " ".join(c.translate(_INVISIBLE).split())) for c in cells]


def _header_keys(row: list[str]) -> list[str]:
    """A header row's names as compared, without the empty cells at its end."""
    keys = [column_key(c) for c in row]
    while keys and not keys[-1]:
        keys.pop()
    return keys


class HeaderInForce:
    """The header the rows below it are read by, and what a row that reads as a header again is
    (two exports joined): `rows` are the header's rows, its names (as the format reads them)
    last, the names row on spreadsheet row `row`; `known` the names the format reads."""

    def __init__(self, rows: list[list[str]], known: Iterable[str], *, row: int) -> None:
        self.rows, self.row, self.known = [*rows], row, tuple(known)
        self._keys = [_header_keys(r) for r in self.rows]
        self._names = {k for keys in self._keys for k in keys if k} | set(map(column_key, known))
        self._named = sum(1 for k in self._keys[-1] if k)

    @property
    def names(self) -> list[str]:
        return self.rows[-1]

    def again(self, cells: list[str], row: int) -> tuple[str, list[str] | None] | None:
        """None for a row of data; (warning, None) for the header again or a row of it above its
        names, skipped; (warning, names) for the same names in another order, spelled as the
        header spells them, which are the header in force from here on (the rows below are read
        by them). Any other header is refused (ImportRowError): the columns and their order say
        what every row below them means."""
        keys = _header_keys(cells)
        if keys in self._keys:
            return repeated_header_warning(), None
        if not self._reads_as_header(cells, keys):
            return None
        if any(keys == header[: len(keys)] for header in self._keys):
            raise ImportRowError(
                _(
                    "the header again, cut short: %(n)d cells where the header has %(width)d "
                    "(the file is cut off here, or the export left columns out)"
                )
                % {"n": len(cells), "width": len(self.names)},
                row=row,
            )
        shared = [len(set(keys) & set(header)) for header in self._keys]
        # A row sharing more with a row of the header above its names (the Explorer's column
        # numbers, the process file's groups) stands for that row: its names row follows, decides.
        if max(shared) > shared[-1]:
            return repeated_header_warning(), None
        if Counter(k for k in keys if k) == Counter(k for k in self._keys[-1] if k):
            spelling = {column_key(n): n for n in self.names}
            names = [spelling.get(column_key(c), "") for c in cells]
            self.rows[-1], self._keys[-1], self.row = names, _header_keys(names), row
            return _(
                "the header again, with its columns in another order: the rows below it are read "
                "by column name"
            ), names
        raise ImportRowError(
            _(
                "the header again, but not the same as the one on row %(first)d: %(what)s; the "
                "columns say what every row below them means, so the rows below it were not read "
                "(import each export as a file of its own)"
            )
            % {"first": self.row, "what": _header_difference(cells, self.names, self.known)},
            row=row,
        )

    def _reads_as_header(self, cells: list[str], keys: list[str]) -> bool:
        """Whether a row is a header, not a commitment: most of its cells are distinct column
        names the format or the file's header knows (a column number, on a row of them), or a
        distinct word with no number stands under nearly every named column, as a header in
        another language does and no data row of these formats, whose flags, numbers and years
        repeat, ever does. A damaged row (a NUL byte) is refused as such."""
        if any("\x00" in c for c in cells):
            return False
        distinct = {k for k in keys if k}
        # A number is a column number only on a row of nothing else: a plan number, a commitment
        # number and a flag are such numbers too, on a sparse row of data.
        numbers_only = all(whole_number(k) is not None for k in distinct)
        known = {k for k in distinct & self._names if numbers_only or whole_number(k) is None}
        if len(known) >= 2 and 2 * len(known) > sum(1 for k in keys if k):
            return True
        return (
            self._named >= 5
            and len(distinct) >= 0.9 * self._named
            and not any(is_missing(k) or whole_number(k) is not None for k in distinct)
            and not any(flag_value(k) is not None for k in distinct)
        )


def _header_difference(cells: list[str], names: list[str], known: tuple[str, ...]) -> str:
    """How a header differs from `names`: the names it adds and leaves out, one close to a name
    left out said to be in its place (`“No.” in place of “Number”`); when most names differ, how
    many and the first few (another language?)."""
    spelling = {column_key(n): n for n in (*known, *names) if column_key(n)}
    new = [n for n in header_names(cells, spelling.values()) if n]
    old = [n for n in names if column_key(n)]
    added, missing = _without(new, old), _without(old, new)
    if 2 * len(missing) > len(old) and 2 * len(added) > len(old):
        return _("%(n)d names not in that header (another language?), such as %(names)s") % {
            "n": len(added),
            "names": ", ".join(f"“{n}”" for n in added[:SHOWN_NAMES]),
        }
    parts = []
    for name in added:
        near = get_close_matches(name, missing, n=1, cutoff=0.75)
        if column_key(name) in map(column_key, old):
            parts.append(_("“%(name)s” named twice") % {"name": name})
        elif near:
            missing.remove(near[0])
            parts.append(_("“%(new)s” in place of “%(old)s”") % {"new": name, "old": near[0]})
        else:
            parts.append(_("“%(name)s” added") % {"name": name})
    parts += [_("“%(name)s” missing") % {"name": name} for name in missing]
    shown = "; ".join(parts[:SHOWN_NAMES])
    if len(parts) > SHOWN_NAMES:
        shown += "; " + _("%(n)d more") % {"n": len(parts) - SHOWN_NAMES}
    return shown


# How many differing names a refused header shows.
SHOWN_NAMES = 5


def _without(names: list[str], others: list[str]) -> list[str]:
    """`names`, in their order, less one of each name `others` has (compared by `column_key`)."""
    left = Counter(map(column_key, others))
    kept = []
    for name in names:
        if left[column_key(name)] > 0:
            left[column_key(name)] -= 1
        else:
            kept.append(name)
    return kept


def repeated_header_warning() -> str:
    return _("the header again, skipped (two files joined?)")


def no_rows_warning() -> str:
    return _("the file has a header and no rows")
