"""`column IN (ids)` for a page of ids, as one array parameter on PostgreSQL, and page queries
compiled once.

Django's `__in=[...]` prepares every value one by one (about 5 ms a request for four lists of 100
ids); `InIds` passes the list through as is: `col = ANY(%s)` on PostgreSQL, a plain IN elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BooleanField, F, Func, QuerySet


class InIds(Func):
    """A WHERE condition: `column` is one of `ids` (integers). Use as `.filter(InIds("pk", ids))`."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column: str, ids: Iterable[int]) -> None:
        super().__init__(F(column))
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        lhs, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*params, self.ids]
        return f"{lhs} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


class PageQuery:
    """A `.values_list()` query over a page of ids whose SQL is compiled once per process.

    On PostgreSQL the ids are one array parameter (`InIds`), so the SQL text is the same for every
    page: compiling it again (several milliseconds for a query with joins) is wasted work on the
    hottest path. `build(ids)` returns the queryset; elsewhere it simply runs it.
    """

    _MARKER = [-1, -2, -3]

    def __init__(self, build: Callable[[list[int]], QuerySet]) -> None:
        self.build = build
        self._compiled: dict[str, tuple[str, list, int] | None] = {}

    def rows(self, ids: Iterable[int]) -> list[tuple]:
        ids = [int(pk) for pk in ids]
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor != "postgresql" or not ids:
            return list(self.build(ids))
        if connection.alias not in self._compiled:
            sql, params = self.build(self._MARKER).query.sql_with_params()
            at = [i for i, value in enumerate(params) if value == self._MARKER]
            self._compiled[connection.alias] = (sql, list(params), at[0]) if len(at) == 1 else None
        compiled = self._compiled[connection.alias]
        if compiled is None:
            return list(self.build(ids))
        sql, params, at = compiled
        params = [*params[:at], ids, *params[at + 1 :]]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
