"""The faceted commitment list, shared by /commitments/ and /search/: the API's own filters
(commitments/api/filters.py, so the CSV link gives the same rows), words ranked by
Commitment.objects.search, facet counts for the rows found, highlighted excerpts, one page.

Query count is fixed: the ids found (and a count past MAX_LISTED), the page's rows, four facet
queries, one for the excerpts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .api.filters import COMPLETION_CHOICES, CommitmentFilter
from .models import Commitment, Member, Milestone
from .models.members import localized_member_name
from .models.plans import TRACK_LEVEL_FIELDS
from .models.vocab import NO_DATA
from .search import clean_query, headline, marked_excerpt, marked_html, on_postgresql

PAGE_SIZE = 20
# Choices shown per facet (the most frequent), besides the one chosen.
FACET_SIZE = 12
# Up to this many ids found, they are fetched at once (the page and its count come from them) and
# the facet queries take them as a list rather than searching again.
MAX_LISTED = 1000
# How long the facet counts of a search are reused (a change shows in the counts after this).
FACET_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    count: int
    url: str
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    choices: list[Choice]


@dataclass(frozen=True)
class Row:
    commitment: Commitment
    title: SafeString | None = None
    excerpt: SafeString | None = None


@dataclass
class CommitmentResults:
    page: Page
    rows: list[Row]
    facets: list[Facet]
    q: str
    errors: dict = field(default_factory=dict)
    query: str = ""  # the request's choices, url-encoded, without the page
    chosen: dict[str, str] = field(default_factory=dict)  # facet choices (hidden in the form)

    @property
    def status(self) -> int:
        return 400 if self.errors else 200


def choices_of(request: HttpRequest) -> dict[str, str]:
    """The request's non-empty parameters except the page: every choice lives in the URL."""
    return {k: v for k, v in request.GET.items() if k != "page" and v.strip() != ""}


def _link(params: dict[str, str], name: str, value: str | None) -> str:
    changed = {k: v for k, v in params.items() if k != name}
    if value is not None:
        changed[name] = value
    return "?" + urlencode(changed)


def _facet(
    params: dict[str, str], name: str, label: str, counts: list[tuple[str, str, int]]
) -> Facet:
    """The most frequent choices (and the chosen one); each links to the page with it toggled."""
    chosen = params.get(name, "")
    counts = sorted(counts, key=lambda c: (-c[2], str(c[1])))
    shown = [c for c in counts if c[2]][:FACET_SIZE]
    if chosen and all(value.lower() != chosen.lower() for value, _l, _n in shown):
        shown += [c for c in counts if c[0].lower() == chosen.lower()]
    return Facet(
        name=name,
        label=str(label),
        choices=[
            Choice(
                value=value,
                label=str(text),
                count=count,
                url=_link(params, name, None if value.lower() == chosen.lower() else value),
                selected=value.lower() == chosen.lower(),
            )
            for value, text, count in shown
        ],
    )


def _organisation_counts(found: QuerySet) -> list[tuple[str, str, int]]:
    """Commitments per organisation with any role in them: lead, co-lead, supporting or
    monitoring (the `organization` filter's own rule: Commitment.objects.involving), most first;
    one query."""
    pairs = (
        found.filter(lead_organization__isnull=False)
        .annotate(o=F("lead_organization_id"), c=F("pk"))
        .values_list("o", "c")
        .order_by()
        .union(
            *(
                through.objects.filter(commitment_id__in=found.values("pk"))
                .annotate(o=F("organization_id"), c=F("commitment_id"))
                .values_list("o", "c")
                for through in (
                    Commitment.co_lead_organizations.through,
                    Commitment.supporting_organizations.through,
                    Commitment.monitoring_organizations.through,
                )
            )
        )
    )
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT org.slug, org.name, counted.n FROM "
            f"(SELECT pairs.o AS o, COUNT(*) AS n FROM ({sql}) pairs GROUP BY pairs.o "
            f"ORDER BY n DESC LIMIT {FACET_SIZE + 1}) counted "
            "JOIN commitments_organization org ON org.id = counted.o",
            params,
        )
        return [(slug, name, n) for slug, name, n in cursor.fetchall()]


def _counts(found: QuerySet) -> dict:
    """The facet counts of `found` (the request's commitments, unordered) as plain data, four
    queries. Aggregates over the commitments table take its conditions as they are (`pk IN (...)`
    made PostgreSQL read every row); the link tables take the ids as a subquery."""
    levels = [value for value, _label in COMPLETION_CHOICES]
    overdue = Exists(
        Milestone.objects.overdue_on(timezone.localdate()).filter(commitment_id=OuterRef("pk"))
    )
    return {
        # 1. Plans (and so members).
        "per_plan": list(
            found.values(
                "action_plan__ogp_id",
                "action_plan__number",
                "action_plan__member__code",
                "action_plan__member__name",
                "action_plan__member__kind",
                "action_plan__member__iso_alpha2",
            ).annotate(n=Count("pk"))
        ),
        # 2. Levels on the three tracks, starred, overdue: one aggregate.
        "sums": found.aggregate(
            **{
                f"{track}__{value}": Count(
                    "pk", filter=Q(**{track: "" if value == NO_DATA else value})
                )
                for track in TRACK_LEVEL_FIELDS
                for value in levels
            },
            starred=Count("pk", filter=Q(irm_starred=True)),
            overdue=Count("pk", filter=Q(overdue)),
        ),
        # 3. Organisations.
        "organisations": _organisation_counts(found),
        # 4. Policy areas.
        "per_area": list(
            Commitment.policy_areas.through.objects.filter(commitment_id__in=found.values("pk"))
            .values("policyarea__slug", "policyarea__name")
            .annotate(n=Count("commitment_id"))
            .order_by("-n", "policyarea__name")[: FACET_SIZE + 1]
        ),
    }


def _cached_counts(found: QuerySet, params: dict[str, str]) -> dict:
    """_counts, kept FACET_CACHE_SECONDS when words were searched (each facet query searches
    again: the costly part of a search page, and the same for every page of the results).
    Keyed on the choices and the day (overdue milestones change with it)."""
    if not params.get("q"):
        return _counts(found)
    choices = sorted((k, v) for k, v in params.items() if k not in ("page", "ordering"))
    digest = hashlib.sha256(repr(choices).encode()).hexdigest()
    key = f"ogp:facets:{timezone.localdate().isoformat()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = _counts(found)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


def _facets(counts: dict, params: dict[str, str]) -> list[Facet]:
    """The facets, labelled in the request's language, from _counts."""
    per_plan, sums, per_area = counts["per_plan"], counts["sums"], counts["per_area"]
    members: dict[str, list] = {}
    for plan in per_plan:
        code = plan["action_plan__member__code"]
        name = plan["action_plan__member__name"]
        if plan["action_plan__member__kind"] == Member.Kind.NATIONAL:
            name = localized_member_name(name, plan["action_plan__member__iso_alpha2"])
        plan["member_display_name"] = name
        members.setdefault(code, [code, name, 0])[2] += plan["n"]
    levels = [value for value, _label in COMPLETION_CHOICES]
    labels = dict(COMPLETION_CHOICES)
    return [
        _facet(params, "member", _("OGP member"), [tuple(m) for m in members.values()]),
        _facet(
            params,
            "action_plan",
            _("Action plan"),
            [
                (
                    p["action_plan__ogp_id"],
                    f"{p['action_plan__ogp_id']} · {p['member_display_name']} "
                    f"{p['action_plan__number']}",
                    p["n"],
                )
                for p in per_plan
            ],
        ),
        _facet(params, "organization", _("Organisation"), counts["organisations"]),
        _facet(
            params,
            "policy_area",
            _("Policy area"),
            [(a["policyarea__slug"], a["policyarea__name"], a["n"]) for a in per_area],
        ),
        _facet(
            params,
            "irm_completion",
            _("Completion according to the IRM"),
            [(v, labels[v], sums[f"irm_completion__{v}"]) for v in levels],
        ),
        _facet(
            params,
            "civil_society_completion",
            _("Civil society status"),
            [(v, labels[v], sums[f"self_reported_completion__{v}"]) for v in levels],
        ),
        _facet(
            params,
            "government_completion",
            _("Government's self-assessment"),
            [(v, labels[v], sums[f"government_completion__{v}"]) for v in levels],
        ),
        _facet(
            params, "starred", _("Starred"), [("true", _("Starred by the IRM"), sums["starred"])]
        ),
        _facet(
            params,
            "overdue",
            _("Milestones"),
            [("true", _("With an overdue milestone"), sums["overdue"])],
        ),
    ]


def _highlighted(page_rows: list[Commitment], q: str) -> list[Row]:
    if not q:
        return [Row(c) for c in page_rows]
    if on_postgresql():
        marks = {
            pk: (title, text)
            for pk, title, text in Commitment.objects.filter(
                pk__in=[c.pk for c in page_rows]
            ).values_list("pk", headline("title", q, whole=True), headline("full_text", q))
        }
    else:
        marks = {
            c.pk: (marked_excerpt(c.title, q, width=10_000), marked_excerpt(c.full_text, q))
            for c in page_rows
        }
    return [
        Row(c, title=marked_html(marks[c.pk][0]), excerpt=marked_html(marks[c.pk][1]))
        for c in page_rows
    ]


def page_of(
    rows: QuerySet, page_size: int, number: str | None
) -> tuple[Page, list[Commitment], list[int] | None]:
    """One page of `rows`, and every id found when there are at most MAX_LISTED of them.

    The ranked ids come first, sorted on the commitments table alone (up to MAX_LISTED + 1 of
    them: for most searches, all of them, so no separate count); then the page's rows with their
    plan, member and lead organisation (joined for 20 rows, not for the thousands a common word
    finds)."""
    ids = rows.values_list("pk", flat=True)
    head = list(ids[: MAX_LISTED + 1])
    listed = head if len(head) <= MAX_LISTED else None
    page = Paginator(head if listed is not None else ids, page_size).get_page(number)
    found = rows.model.objects.for_list().in_bulk(list(page.object_list))
    return page, [found[pk] for pk in page.object_list], listed


def commitment_results(
    request: HttpRequest, *, page_size: int = PAGE_SIZE, with_facets: bool = True
) -> CommitmentResults:
    """The commitments a request asks for (its filters and words), one page of them ranked by
    relevance when words are given (else by id), with the facets of everything found."""
    params = choices_of(request)
    q = clean_query(params.get("q", ""))
    filterset = CommitmentFilter(
        QueryDict(urlencode(params)),
        queryset=Commitment.objects.for_list(),
        request=request,
    )
    if not filterset.is_valid():
        empty = Paginator(Commitment.objects.none(), page_size).get_page(1)
        return CommitmentResults(
            page=empty, rows=[], facets=[], q=q, errors=filterset.errors, query=urlencode(params)
        )
    rows = filterset.qs
    if q and "ordering" not in params:
        rows = rows.order_by("-search_rank", "ogp_id")
    elif "ordering" not in params:
        rows = rows.order_by("ogp_id")
    page, page_rows, listed = page_of(rows, page_size, request.GET.get("page"))
    # Up to MAX_LISTED ids found, the facet queries take them as a list (searching again costs
    # most for phrases and typos); past that, they search again: on PostgreSQL a match is one
    # bitmap scan (about 10 ms for a word in a quarter of 20,000 commitments), cheaper than
    # sending thousands of ids back. SQLite always searches again (its parameter limit).
    if listed is not None and on_postgresql():
        found = Commitment.objects.filter(pk__in=listed)
    else:
        found = rows.order_by()
    return CommitmentResults(
        page=page,
        rows=_highlighted(page_rows, q),
        facets=(
            _facets(_cached_counts(found, params), params)
            if with_facets and page.paginator.count
            else []
        ),
        q=q,
        query=urlencode(params),
        chosen={k: v for k, v in params.items() if k != "q"},
    )
