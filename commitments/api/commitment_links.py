"""What a commitment's API row lists besides its own columns: its supporting and co-lead
organisations, its policy areas, its predecessors and successors. For a page of ids, one query each
(compiled once, `PageQuery`); for an export, one cursor each, read in commitment pk order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q, QuerySet

from commitments.models import Commitment

from .lookups import InIds, PageQuery

# What a commitment names by slug and name through a many-to-many table, by `commitment_row`'s
# argument name: (the relation, the named model's column in its table).
NAMED_LINKS = {
    "supporting": ("supporting_organizations", "organization"),
    "co_leads": ("co_lead_organizations", "organization"),
    "areas": ("policy_areas", "policyarea"),
}


def named_links(name: str, where: Q | InIds, *first: str) -> QuerySet:
    """(commitment id, slug, name) of each link `name` matching `where`, ordered by `first`, then
    by name."""
    relation, target = NAMED_LINKS[name]
    return (
        getattr(Commitment, relation)
        .through.objects.filter(where)
        .order_by(*first, f"{target}__name", f"{target}_id")
        .values_list("commitment_id", f"{target}__slug", f"{target}__name")
    )


PAGES = {
    name: PageQuery(lambda ids, name=name: named_links(name, InIds("commitment_id", ids)))
    for name in NAMED_LINKS
}
LINEAGE_PAGE = PageQuery(
    lambda ids: (
        Commitment.predecessors.through.objects.filter(
            Q(InIds("from_commitment_id", ids)) | Q(InIds("to_commitment_id", ids))
        )
        .order_by("to_commitment__ogp_id", "from_commitment__ogp_id")
        .values_list(
            "from_commitment_id",
            "from_commitment__ogp_id",
            "to_commitment_id",
            "to_commitment__ogp_id",
        )
    )
)


def links_by_commitment(ids: Sequence[Any]) -> dict[str, dict[Any, list]]:
    """Each list of each commitment of a page, by `commitment_row`'s argument names (four queries:
    supporting, co-leads, policy areas, then lineage both ways)."""
    found: dict[str, dict[Any, list]] = {}
    for name, page in PAGES.items():
        found[name] = defaultdict(list)
        for commitment_id, slug, name_ in page.rows(ids):
            found[name][commitment_id].append({"id": slug, "name": name_})
    wanted = {int(pk) for pk in ids}
    found["predecessors"], found["successors"] = defaultdict(list), defaultdict(list)
    for later, later_id, earlier, earlier_id in LINEAGE_PAGE.rows(ids):
        if later in wanted:
            found["predecessors"][later].append(earlier_id)
        if earlier in wanted:
            found["successors"][earlier].append(later_id)
    return found


class SortedStream:
    """(commitment pk, value) pairs sorted by pk, consumed alongside the commitments."""

    def __init__(self, pairs: Iterable[tuple[Any, Any]]) -> None:
        self._pairs = iter(pairs)
        self._head = next(self._pairs, None)

    def take(self, pk: Any) -> list[Any]:
        found = []
        while self._head is not None and self._head[0] <= pk:
            if self._head[0] == pk:
                found.append(self._head[1])
            self._head = next(self._pairs, None)
        return found


def link_streams(ids: QuerySet, chunk_size: int) -> dict[str, SortedStream]:
    """Each list of the commitments whose pks `ids` selects, as a stream in pk order, by
    `commitment_row`'s argument names (a cursor each, opened here in this order)."""
    streams = {
        name: SortedStream(
            (cid, {"id": slug, "name": name_})
            for cid, slug, name_ in named_links(
                name, Q(commitment_id__in=ids), "commitment_id"
            ).iterator(chunk_size=chunk_size)
        )
        for name in NAMED_LINKS
    }
    link = Commitment.predecessors.through.objects
    streams["predecessors"] = SortedStream(
        link.filter(from_commitment_id__in=ids)
        .order_by("from_commitment_id", "to_commitment__ogp_id")
        .values_list("from_commitment_id", "to_commitment__ogp_id")
        .iterator(chunk_size=chunk_size)
    )
    streams["successors"] = SortedStream(
        link.filter(to_commitment_id__in=ids)
        .order_by("to_commitment_id", "from_commitment__ogp_id")
        .values_list("to_commitment_id", "from_commitment__ogp_id")
        .iterator(chunk_size=chunk_size)
    )
    return streams
