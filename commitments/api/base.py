"""The lean read-only view the public API is built on.

A list: the FilterSet filters and orders the base table, `IdPagination` counts it and picks the ids
of one page, then `fetch_rows(ids)` builds plain dicts from `.values_list()` tuples with a fixed
number of queries (no model instances, no serializer on the way out). A detail is the same
`fetch_rows` for one id. The serializer classes declare the rows (`columns_of`, `RowShape`), the
OpenAPI schema and the CSV columns. Errors are always JSON, even when CSV was asked for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any, ClassVar, NoReturn

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Count, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema
from rest_framework import generics, viewsets
from rest_framework.exceptions import NotAcceptable, NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.utils.mediatypes import _MediaType

from . import people
from .pagination import IdPages, IdPagination
from .renderers import CSVRenderer, ORJSONRenderer
from .strict_filters import CODE_CHARACTERS

ERROR_RENDERER = ORJSONRenderer()


class StrictContentNegotiation(DefaultContentNegotiation):
    """`?format=` the endpoint does not offer is a 406 naming the formats it offers (DRF answers
    404 "not found", which reads as if the commitment did not exist); `?format=` with no value is
    refused the same way; a `?format=` given wins over the Accept header. Without it, the Accept
    header's weights decide (DRF reads none: `text/csv, application/json;q=0.5` got JSON), and
    its 406 names the media types offered."""

    def select_renderer(
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple:
        chosen = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if chosen == "":
            self.refuse("", renderers)
        if format_suffix or chosen is not None:
            # The address names its format: it wins over any Accept header (DRF's 406 when the two
            # differ said only "Could not satisfy the request Accept header.").
            [renderer, *_rest] = self.filter_renderers(renderers, format_suffix or chosen)
            return renderer, renderer.media_type
        accepted = [_MediaType(media_type) for media_type in self.get_accept_list(request)]
        refused = [media for media in accepted if weight(media) == 0 and media.precedence >= 2]
        # Most wanted first; among equals, the more specific, then as written (a stable sort).
        for wanted in sorted(accepted, key=lambda media: (-weight(media), -media.precedence)):
            if weight(wanted) == 0:
                break
            for renderer in renderers:
                offered = _MediaType(renderer.media_type)
                if offered.match(wanted) and not any(offered.match(no) for no in refused):
                    return renderer, renderer.media_type
        raise NotAcceptable(
            _(
                "The Accept header asks for none of what this address gives: %(offered)s "
                "(or ?format=)."
            )
            % {"offered": ", ".join(renderer.media_type for renderer in renderers)},
            available_renderers=renderers,
        )

    def filter_renderers(self, renderers: list, format: str) -> list:
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            self.refuse(format, renderers)
        return matching

    @staticmethod
    def refuse(format: str, renderers: list) -> NoReturn:
        offered = ", ".join(sorted({renderer.format for renderer in renderers}))
        raise NotAcceptable(
            _("format=%(format)s is not available here; this address gives: %(offered)s.")
            % {"format": format, "offered": offered},
            available_renderers=renderers,
        )


def weight(media: _MediaType) -> float:
    """An Accept entry's q (1 when not given; 0, never, when not a number from 0 to 1)."""
    try:
        q = float(media.params.get("q", 1))
    except ValueError:
        return 0.0
    return q if 0 <= q <= 1 else 0.0


class PublicReadOnlyMixin:
    """Anonymous GET only; errors rendered as JSON whatever format was negotiated."""

    permission_classes = [AllowAny]
    content_negotiation_class = StrictContentNegotiation
    # Query parameters that may be given empty (free text); any other empty one is a 400.
    empty_allowed: ClassVar[frozenset[str]] = frozenset({"q"})

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # The parameters are checked on a read: a method the view does not serve is a 405
        # whatever its parameters, and OPTIONS (a browser's CORS preflight) reads none.
        reads = request.method in ("GET", "HEAD")
        empty = sorted(
            name
            for name, value in request.query_params.items()
            if value == "" and name not in self.empty_allowed
        )
        if empty and reads:
            raise ValidationError(
                {name: [_("Give a value, or leave the parameter out.")] for name in empty}
            )
        # A filter given twice (`?member=PER&member=ALB`) never silently keeps the last one (the
        # page parameters say so in their own words: commitments.api.pagination).
        repeated = sorted(
            name
            for name, values in request.query_params.lists()
            if len(values) > 1 and name not in ("page", "page_size")
        )
        if repeated and reads:
            raise ValidationError(
                {name: [_("Give this parameter once, with one value.")] for name in repeated}
            )
        # A typo (`?action_pan=`) or a parameter this endpoint does not take never silently
        # gives everything unfiltered.
        allowed = self.allowed_query_params()
        unknown = sorted(set(request.query_params) - allowed)
        if unknown and reads:
            known = ", ".join(sorted(allowed))
            raise ValidationError(
                {
                    name: [
                        _("Unknown parameter. This endpoint takes: %(known)s.") % {"known": known}
                    ]
                    for name in unknown
                }
            )
        super().initial(request, *args, **kwargs)

    # Parameters a view reads beyond its format, pages and filters.
    extra_query_params: ClassVar[frozenset[str]] = frozenset()

    def allowed_query_params(self) -> set[str]:
        """The parameters this request's endpoint reads, and only those (any other is a 400):
        `format`; `page` and `page_size` where it pages; its FilterSet's filters where it filters,
        `ordering` among them only where it orders by it; and `extra_query_params`."""
        allowed = {"format", *self.extra_query_params}
        if self.paginates():
            allowed |= {"page", "page_size"}
        filterset = getattr(self, "filterset_class", None)
        if filterset is not None and self.filters():
            allowed |= set(filterset.base_filters)
            if not self.orders():
                allowed.discard("ordering")
        return allowed

    def paginates(self) -> bool:
        return getattr(self, "pagination_class", None) is not None

    def filters(self) -> bool:
        return True

    def orders(self) -> bool:
        return True

    http_method_names = ["get", "head", "options"]
    renderer_classes = [ORJSONRenderer, CSVRenderer]

    # Query parameters that say how, not which rows: left out of a download's file name.
    not_in_filename: ClassVar[frozenset[str]] = frozenset(
        {"format", "page", "page_size", "ordering"}
    )
    # An answer that is one whole table (figures), whose CSV is a file named like a download.
    names_its_csv: ClassVar[bool] = False

    def file_kind(self) -> str:
        """What the rows are, in a download's file name (`commitments`, `completion`)."""
        raise NotImplementedError

    def csv_filename(self, extension: str = "csv") -> str:
        """`AP_PER01-commitments-2026-12-04.csv`: what was asked for, the kind of rows, and when."""
        parts = [
            part
            for name, value in sorted(self.request.query_params.items())
            if name not in self.not_in_filename and (part := file_name_part(value))
        ]
        parts += [self.file_kind(), timezone.localdate().isoformat()]
        return "-".join(parts) + "." + extension

    @staticmethod
    def gave_csv(request: Request) -> bool:
        renderer = getattr(request, "accepted_renderer", None)
        return renderer is not None and renderer.format == "csv"

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = ERROR_RENDERER
            response.accepted_media_type = ERROR_RENDERER.media_type
        elif self.names_its_csv and response.status_code == 200 and self.gave_csv(request):
            # Saved, the file says what it holds: figures as of which day, on which basis.
            response["Content-Disposition"] = f'attachment; filename="{self.csv_filename()}"'
        patch_vary_headers(response, ["Accept"])
        return response


class FiguresView(PublicReadOnlyMixin, generics.GenericAPIView):
    """Base of a figures endpoint: one answer, not paginated, whose `results` (as the serializer
    declares them) are the rows of its CSV."""

    pagination_class = None
    names_its_csv = True

    def get_csv_serializer_class(self) -> type:
        return type(self.get_serializer_class()().fields["results"].child)


class LeanReadOnlyViewSet(PublicReadOnlyMixin, viewsets.GenericViewSet):
    model: ClassVar[type[Model]]
    pagination_class = IdPagination
    lookup_field = "ogp_id"
    # Any id reaches the view, which answers a JSON 404 for one it does not know.
    lookup_value_regex = "[^/]+"
    lookup_pattern: ClassVar[str] = CODE_CHARACTERS
    ordering: ClassVar[list[str]] = ["pk"]
    not_found_message: ClassVar[str | Promise] = _("No record with id %(id)s.")

    def get_queryset(self) -> QuerySet:
        return self.model._default_manager.all()

    # A record (retrieve, or an action about one) reads no filter and no page; the export streams
    # every matching row in its own order.
    def paginates(self) -> bool:
        return self.action == "list"

    def filters(self) -> bool:
        return self.action in ("list", "download", "export")

    def orders(self) -> bool:
        return self.action != "export"

    def get_csv_serializer_class(self) -> type:
        return self.get_serializer_class()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # Building a FilterSet deep-copies every declared filter: skip it when none is asked for.
        declared = getattr(self.filterset_class, "base_filters", None)
        if declared is not None and not any(name in declared for name in self.request.GET):
            return queryset
        return super().filter_queryset(queryset)

    # -- rows -------------------------------------------------------------------------------------

    def fetch_rows(self, ids: list[Any]) -> list[dict]:
        """Rows for these primary keys, in the same order, with a fixed number of queries."""
        raise NotImplementedError

    def get_ordering(self, queryset: QuerySet) -> list[Any]:
        """The requested (or default) order, made total: the primary key breaks ties unless the
        last field is already unique (so an index on that field alone can serve the page)."""
        ordering = list(queryset.query.order_by) or list(self.ordering)
        last = ordering[-1]
        if not isinstance(last, str):  # an expression (levels by how done they are): ties
            return [*ordering, "pk"]
        if last.lstrip("-") != "pk" and not self._is_unique(last.lstrip("-")):
            ordering.append("pk")
        return ordering

    def _is_unique(self, name: str) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:  # a related path: not a unique column of this table
            return False
        return bool(getattr(field, "unique", False))

    # -- endpoints --------------------------------------------------------------------------------

    # Rows fetched at a time when a CSV download gives every matching row.
    csv_chunk_size: ClassVar[int] = 1000

    def file_kind(self) -> str:
        return f"{self.basename}s"

    # -- downloads for people (commitments/api/people.py) ----------------------------------------

    # Set per route (ogptracker/download_urls.py): the Excel workbook rather than the CSV.
    excel: ClassVar[bool] = False

    def people_columns(self) -> list[people.PeopleColumn]:
        """The columns of the download for people: translated headers and values, page address."""
        raise NotImplementedError

    def rows_in_order(self, queryset: QuerySet) -> Iterator[dict]:
        """Every row of `queryset` in the list's order, fetched a chunk at a time."""
        ids = list(queryset.order_by(*self.get_ordering(queryset)).values_list("pk", flat=True))
        for start in range(0, len(ids), self.csv_chunk_size):
            yield from self.fetch_rows(ids[start : start + self.csv_chunk_size])

    def download_rows(self, queryset: QuerySet) -> Iterator[dict]:
        """The rows of the download for people: by default every row in the list's order."""
        return self.rows_in_order(queryset)

    @extend_schema(exclude=True)  # a download for people from the site's pages, not the API
    def download(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.download_rows(queryset)
        columns = self.people_columns()
        if self.excel:
            return people.xlsx_response(rows, columns, self.csv_filename("xlsx"))
        return people.csv_response(rows, columns, self.csv_filename())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        if request.accepted_renderer.format == "csv" and not (
            {"page", "page_size"} & set(request.query_params)
        ):
            # A download is every matching row, never just the first page, under a telling name.
            response = Response(list(self.rows_in_order(queryset)))
            response["Content-Disposition"] = f'attachment; filename="{self.csv_filename()}"'
            return response
        pages = IdPages(queryset, self.get_ordering(queryset))
        ids = self.paginate_queryset(pages)
        rows = self.fetch_rows(ids)
        # No Last-Modified, here or on a record: an answer holds more than its rows' own columns
        # (a page its count, a plan its commitments' figures, a commitment its organisations'
        # names), so no row's updated_at says when it last changed, and If-Modified-Since would
        # get a 304 for a changed answer. The ETag, a hash of the body, is the validator.
        return self.get_paginated_response(rows)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_row(kwargs[self.lookup_url_kwarg or self.lookup_field]))

    def get_row(self, lookup: str) -> dict:
        """The row for an id given in a URL, or a JSON 404 saying which id was not found."""
        pk = self.resolve_lookup(lookup)
        rows = self.fetch_rows([pk]) if pk is not None else []
        if not rows:
            raise NotFound(str(self.not_found_message) % {"id": lookup[:40]})
        return rows[0]

    def resolve_lookup(self, lookup: str) -> Any:
        """The primary key behind an id in a URL (one query), or None."""
        if not re.fullmatch(self.lookup_pattern, lookup):
            return None
        return self.find(self.get_queryset(), lookup).values_list("pk", flat=True).first()

    def find(self, queryset: QuerySet, lookup: str) -> QuerySet:
        """The record a public key in a URL names, typed in any case (`ap_per01`, `MINJUS`): the
        model's own `by_key`, the one rule for its key on pages, filters and the API."""
        return queryset.by_key(lookup)


class ByPkViewSet(LeanReadOnlyViewSet):
    """A list whose records have no public code: one is found by its primary key."""

    lookup_field = "pk"
    lookup_pattern = r"[0-9]{1,12}"

    def find(self, queryset: QuerySet, lookup: str) -> QuerySet:
        return queryset.filter(pk=lookup)


def columns_of(
    serializer: type[Serializer], *, computed: Iterable[str] = (), **lookups: str
) -> dict[str, str]:
    """The columns a row serializer declares, in its order, as {row key: lookup} for `values_rows`:
    a field's lookup is its own name unless `lookups` names another path (a foreign key's own
    name reads its id column, as `<name>_id` would); the `computed` fields are the row builder's
    to add. The serializer is the one declaration of the row, its CSV
    columns and its schema; a lookup naming no field of it is an error."""
    names = [name for name in serializer().fields if name not in set(computed)]
    unknown = sorted(set(lookups) - set(names))
    if unknown:
        raise ImproperlyConfigured(f"{serializer.__name__} has no field {', '.join(unknown)}.")
    return {name: lookups.get(name, name) for name in names}


def place_lookups(through: str = "") -> dict[str, str]:
    """The lookups of a row's commitment, action_plan and member (their OGP ids) for a record of
    a commitment, reached through `through` ("milestone__") where the record is not on it."""
    commitment = f"{through}commitment__"
    return {
        "commitment": f"{commitment}ogp_id",
        "action_plan": f"{commitment}action_plan__ogp_id",
        "member": f"{commitment}action_plan__member__code",
    }


class RowShape:
    """A row as the serializer that documents it declares it (`columns_of`), for rows that mix
    stored and computed values: `keys` are every key of a row in the serializer's order (the JSON
    order and the CSV columns), then any `extra` stored key the schema leaves out ({key: lookup});
    `columns` are {name: lookup} of the stored keys, then of the values a row only `reads` to
    compute others; `paths` is what `.values_list()` reads for a row: the primary key, then each lookup."""

    def __init__(self, keys: tuple[str, ...], stored: dict[str, str], reads: dict[str, str]):
        self.keys, self.columns, self.reads = keys, {**stored, **reads}, tuple(reads)
        self.paths = ("pk", *self.columns.values())
        # A record's values by name (primary key, keys, then reads) from a `paths` tuple: each
        # name's place in the tuple, a computed key's one past its end (None until computed).
        names = ("_pk", *self.columns)
        self._names = ("_pk", *keys, *reads)
        self._pick = itemgetter(
            *(names.index(name) if name in names else len(names) for name in self._names)
        )

    @classmethod
    def of(
        cls,
        serializer: type[Serializer],
        *,
        computed: Iterable[str] = (),
        extra: Mapping[str, str] | None = None,
        reads: Mapping[str, str] | None = None,
        **lookups: str,
    ) -> RowShape:
        stored = {**columns_of(serializer, computed=computed, **lookups), **(extra or {})}
        keys = (*serializer().fields, *(extra or {}))
        clash = sorted(set(reads or {}) & set(keys))
        if clash:
            raise ImproperlyConfigured(f"{serializer.__name__}: reads {', '.join(clash)} is a key.")
        return cls(keys, stored, dict(reads or {}))

    def row(self, found: Sequence[Any], compute: Callable[[dict], dict]) -> dict:
        """A row from a `paths` tuple: its primary key under "_pk", then its keys in order, the
        computed ones (and any stored one it overrides) from `compute(row)`; the values the row
        only reads are there for `compute`, and dropped after."""
        row = dict(zip(self._names, self._pick((*found, None)), strict=True))
        row.update(compute(row))
        for name in self.reads:
            del row[name]
        return row

    def rows(self, queryset: QuerySet, compute: Callable[[dict], dict]) -> list[dict]:
        """One query: a row per record of `queryset` (see `row`)."""
        return [self.row(found, compute) for found in queryset.values_list(*self.paths)]


def values_rows(queryset: QuerySet, columns: dict[str, str]) -> list[dict]:
    """One query: each record's primary key under "_pk", then its `columns` (row key: lookup)."""
    return [
        {"_pk": pk, **dict(zip(columns, values, strict=True))}
        for pk, *values in queryset.values_list("pk", *columns.values())
    ]


def count_of(model: type[Model], link: str) -> Coalesce:
    """An annotation: how many `model` rows point at this record through `link` (0 for none), as
    a subquery, so the paginator's count and the row query stay free of joins."""
    counted = (
        model._default_manager.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def in_order(ids: Sequence[Any], rows: Iterable[dict]) -> list[dict]:
    """Rows (each with its primary key under "_pk", taken out) in the order of `ids`."""
    by_pk = {row.pop("_pk"): row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def file_name_part(value: str) -> str:
    """A filter value as part of a file name: ids keep their case (AP_PER01), accents go."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text).strip("-")[:40]


@csrf_exempt  # a JSON 404 for any method, never the CSRF failure page (HTML)
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other URL under /api/: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": str(_("No such API endpoint."))}, status=404)
