"""The faceted commitment list, shared by /commitments/ and /search/: the API's own filters
(commitments/api/filters.py, so the CSV link gives the same rows), words ranked by
Commitment.objects.search, facet counts for the rows found, highlighted excerpts, one page.

Query count is fixed: the ids found (and a count past MAX_LISTED when not ranked), the page's
rows, one query for the facets, one for the excerpts."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from ..api.filters import COMPLETION_CHOICES, CommitmentFilter
from ..models import ActionPlan, Commitment, Member, Milestone, Organization, PolicyArea
from ..models.commitments import TRACK_LEVEL_FIELDS
from ..models.members import member_display_name, natural_key
from ..models.vocab import NO_DATA
from .matching import clean_query, headline, marked_excerpt, marked_html, on_postgresql

PAGE_SIZE = 20
# Choices shown per facet (the most frequent), besides the one chosen.
FACET_SIZE = 12
# Up to this many ids found, they are fetched at once (the page and its count come from them) and
# the facet query takes them as a list rather than searching again.
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
    title: str = ""


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
    # Parameters the list does not take (a typo, a stale link): left out, and the page says so.
    unknown: list[str] = field(default_factory=list)

    @property
    def without_words(self) -> str:
        """The link to the same list without its words (its filters kept): "clear the search".
        Empty when no filter would be kept: "clear all filters" is then the same link."""
        if not any(name != "ordering" for name in self.chosen):
            return ""
        return _link(self.chosen, "q", None)

    @property
    def status(self) -> int:
        return 400 if self.errors else 200


def choices_of(request: HttpRequest) -> dict[str, str]:
    """The request's non-empty filters (the page aside): every choice lives in the URL. A
    parameter the list does not take is left out (`unknown_choices` names it)."""
    return {
        k: v
        for k, v in request.GET.items()
        if k in CommitmentFilter.base_filters and v.strip() != ""
    }


def unknown_choices(request: HttpRequest) -> list[str]:
    """The request's parameters that the commitment list does not take, the page aside."""
    return CommitmentFilter.unknown_parameters(k for k in request.GET if k != "page")


def _link(params: dict[str, str], name: str, value: str | None) -> str:
    changed = {k: v for k, v in params.items() if k != name}
    if value is not None:
        changed[name] = value
    return "?" + urlencode(changed)


def _facet(
    params: dict[str, str],
    name: str,
    label: str,
    counts: list[tuple[str, str, int]],
    *,
    value_as_title: bool = False,
) -> Facet:
    """The most frequent choices (and the chosen one); each links to the page with it toggled.
    `value_as_title`: the value (a plan's OGP id) is shown when the pointer rests on the choice."""
    chosen = params.get(name, "")
    # Ties in the order a reader expects: "Perú · plan 2" before "Perú · plan 10".
    counts = sorted(counts, key=lambda c: (-c[2], natural_key(str(c[1]))))
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
                title=value if value_as_title else "",
            )
            for value, text, count in shown
        ],
    )


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _date(value: datetime.date | str | None) -> datetime.date | None:
    """A date column read by _counts' query: a date on PostgreSQL, ISO text on SQLite."""
    return parse_date(value) if isinstance(value, str) else value


def _counts(found: QuerySet) -> dict:
    """The facet counts of `found` (the request's commitments, unordered) as plain data, in one
    query: the rows found are read once (a common table expression, which PostgreSQL computes once
    because every facet reads it; four queries searched four times), and each facet is an
    aggregate over them: plans (and so members), with what names them (ActionPlan.label_of's
    values), the three tracks' levels, starred, overdue, the organisations with any role in them
    (the `organization` filter's own rule: Commitment.objects.involving), policy areas."""
    rows_sql, rows_params = (
        found.order_by()
        .values_list(
            "pk",
            "action_plan_id",
            "lead_organization_id",
            "irm_completion",
            "self_reported_completion",
            "government_completion",
            "irm_starred",
        )
        .query.sql_with_params()
    )
    overdue_sql, overdue_params = (
        Milestone.objects.overdue_on(timezone.localdate())
        .order_by()
        .values("commitment_id")
        .query.sql_with_params()
    )
    # Overdue: each row found looks up its own milestones (their commitment index); a join read
    # every milestone, however few rows were found.
    plan, member = _table(ActionPlan), _table(Member)
    organisation, area = _table(Organization), _table(PolicyArea)
    # The other facets' rows in the plan's date and year columns: typed, as PostgreSQL takes a
    # bare NULL in a sub-select for text, which a UNION with a date column refuses.
    no_plan = "CAST(NULL AS DATE), CAST(NULL AS DATE), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)"
    # Commitments per organisation with any role: (organisation, commitment) pairs, each once.
    # The link tables are read through their (commitment, ...) index for each row found; joins
    # hashed the whole link table instead, slower even for 5,000 rows found of 20,000.
    pairs = " UNION ".join(
        [
            "SELECT lead AS o, id AS c FROM found WHERE lead IS NOT NULL",
            *(
                f"SELECT organization_id, commitment_id FROM {_table(through)} "
                "WHERE commitment_id IN (SELECT id FROM found)"
                for through in (
                    Commitment.co_lead_organizations.through,
                    Commitment.supporting_organizations.through,
                    Commitment.monitoring_organizations.through,
                )
            ),
        ]
    )
    sql = f"""
        WITH found (id, plan, lead, irm, self_reported, government, starred) AS ({rows_sql})
        SELECT 'plan', p.ogp_id, CAST(p.number AS TEXT), m.code, m.name, m.kind, m.iso_alpha2,
               p.start_date, p.end_date, p.submission_year, p.end_year, counted.n
        FROM (SELECT plan, COUNT(*) AS n FROM found GROUP BY plan) counted
        JOIN {plan} p ON p.id = counted.plan JOIN {member} m ON m.id = p.member_id
        UNION ALL
        SELECT 'irm_completion', irm, '', '', '', '', '', {no_plan}, COUNT(*)
        FROM found GROUP BY irm
        UNION ALL
        SELECT 'self_reported_completion', self_reported, '', '', '', '', '', {no_plan}, COUNT(*)
        FROM found GROUP BY self_reported
        UNION ALL
        SELECT 'government_completion', government, '', '', '', '', '', {no_plan}, COUNT(*)
        FROM found GROUP BY government
        UNION ALL
        SELECT 'starred', '', '', '', '', '', '', {no_plan}, COUNT(*) FROM found WHERE starred
        UNION ALL
        SELECT 'overdue', '', '', '', '', '', '', {no_plan}, COUNT(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM ({overdue_sql}) overdue WHERE overdue.commitment_id = found.id
        )) FROM found
        UNION ALL
        SELECT * FROM (
            SELECT 'organisation', org.slug, org.name, '', '', '', '', {no_plan}, counted.n
            FROM (SELECT pairs.o AS o, COUNT(*) AS n FROM ({pairs}) pairs GROUP BY pairs.o
                  ORDER BY n DESC LIMIT {FACET_SIZE + 1}) counted
            JOIN {organisation} org ON org.id = counted.o
        ) organisations
        UNION ALL
        SELECT * FROM (
            SELECT 'area', a.slug, a.name, '', '', '', '', {no_plan}, counted.n
            FROM (SELECT policyarea_id, COUNT(*) AS n
                  FROM {_table(Commitment.policy_areas.through)}
                  WHERE commitment_id IN (SELECT id FROM found) GROUP BY policyarea_id) counted
            JOIN {area} a ON a.id = counted.policyarea_id
            ORDER BY counted.n DESC, a.name LIMIT {FACET_SIZE + 1}
        ) areas
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, (*rows_params, *overdue_params))
        rows = cursor.fetchall()
    per_value: dict[str, dict[str, int]] = {}
    per_plan, organisations, per_area = [], [], []
    for facet, key, *more, n in rows:
        if facet == "plan":
            number, code, name, kind, iso_alpha2, start, end, submission_year, end_year = more
            per_plan.append(
                {
                    "action_plan__ogp_id": key,
                    "action_plan__number": int(number),
                    "action_plan__member__code": code,
                    "action_plan__member__name": name,
                    "action_plan__member__kind": kind,
                    "action_plan__member__iso_alpha2": iso_alpha2,
                    "action_plan__start_date": _date(start),
                    "action_plan__end_date": _date(end),
                    "action_plan__submission_year": submission_year,
                    "action_plan__end_year": end_year,
                    "n": n,
                }
            )
        elif facet == "organisation":
            organisations.append((key, more[0], n))
        elif facet == "area":
            per_area.append({"policyarea__slug": key, "policyarea__name": more[0], "n": n})
        else:
            per_value.setdefault(facet, {})[key] = n
    levels = [value for value, _label in COMPLETION_CHOICES]
    sums = {
        f"{track}__{value}": per_value.get(track, {}).get("" if value == NO_DATA else value, 0)
        for track in TRACK_LEVEL_FIELDS
        for value in levels
    }
    sums["starred"] = per_value.get("starred", {}).get("", 0)
    sums["overdue"] = per_value.get("overdue", {}).get("", 0)
    organisations.sort(key=lambda o: -o[2])
    per_area.sort(key=lambda a: (-a["n"], a["policyarea__name"]))
    return {
        "per_plan": per_plan,
        "sums": sums,
        "organisations": organisations,
        "per_area": per_area,
    }


def _cached_counts(found: QuerySet, params: dict[str, str]) -> dict:
    """_counts, kept FACET_CACHE_SECONDS when words were searched (each facet query searches
    again: the costly part of a search page, and the same for every page of the results).
    Keyed on the choices and the day (overdue milestones change with it)."""
    if not params.get("q"):
        return _counts(found)
    choices = sorted((k, v) for k, v in params.items() if k not in ("page", "ordering"))
    digest = hashlib.sha256(repr(choices).encode()).hexdigest()
    # v2: the plans' counts carry their dates and years (a v1 entry lacks them).
    key = f"ogp:facets:v2:{timezone.localdate().isoformat()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = _counts(found)
        cache.set(key, counts, FACET_CACHE_SECONDS)
    return counts


def _facets(counts: dict, params: dict[str, str]) -> list[Facet]:
    """The facets, labelled in the request's language, from _counts. A plan is named as the
    commitment tables and pick-lists name it (ActionPlan.pick_label: "Perú · plan 1
    (2012-2014)"), its OGP id kept in its link and title."""
    per_plan, sums, per_area = counts["per_plan"], counts["sums"], counts["per_area"]
    members: dict[str, list] = {}
    plans = []
    for plan in per_plan:
        code = plan["action_plan__member__code"]
        if code not in members:  # a member's name is localised once, not once per plan
            name = member_display_name(
                plan["action_plan__member__name"],
                plan["action_plan__member__kind"],
                plan["action_plan__member__iso_alpha2"],
            )
            members[code] = [code, name, 0]
        members[code][2] += plan["n"]
        label = ActionPlan.label_of(
            member_name=members[code][1],
            number=plan["action_plan__number"],
            start_date=plan["action_plan__start_date"],
            end_date=plan["action_plan__end_date"],
            submission_year=plan["action_plan__submission_year"],
            end_year=plan["action_plan__end_year"],
        )
        plans.append((plan["action_plan__ogp_id"], label, plan["n"]))
    levels = [value for value, _label in COMPLETION_CHOICES]
    labels = dict(COMPLETION_CHOICES)
    return [
        _facet(params, "member", _("OGP member"), [tuple(m) for m in members.values()]),
        _facet(params, "action_plan", _("Action plan"), plans, value_as_title=True),
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
    if not q or not page_rows:
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


class _FoundIds:
    """Every id a list found, as the Paginator reads them: the first MAX_LISTED + 1 from `head`
    (already fetched), later pages and the count (unless known) from `ids`."""

    def __init__(self, head: list[int], ids: QuerySet, total: int | None) -> None:
        self.head, self.ids, self.total = head, ids, total

    def count(self) -> int:
        return self.total if self.total is not None else self.ids.count()

    def __getitem__(self, part: slice) -> list[int]:
        if part.stop is not None and part.stop <= len(self.head):
            return self.head[part]
        return list(self.ids[part])


def page_of(
    rows: QuerySet, page_size: int, number: str | None
) -> tuple[Page, list[Commitment], list[int] | None]:
    """One page of `rows`, and every id found when there are at most MAX_LISTED of them.

    The ids come first, sorted on the commitments table alone (up to MAX_LISTED + 1 of them: for
    most searches, all of them, so no separate count; the first pages are taken from them); then
    the page's rows with their plan, member and lead organisation (joined for 20 rows, not for
    the thousands a common word finds). Ranked by relevance, every row found is sorted anyway, so
    the total comes with the ids (COUNT(*) OVER ()): a common word is searched once, not three
    times (ids, count, page)."""
    ids = rows.values_list("pk", flat=True)
    total = None
    if "-search_rank" in rows.query.order_by:
        counted = rows.annotate(found_total=Window(Count("pk"))).values_list("pk", "found_total")
        pairs = list(counted[: MAX_LISTED + 1])
        head, total = [pk for pk, _total in pairs], (pairs[0][1] if pairs else 0)
    else:
        head = list(ids[: MAX_LISTED + 1])
    listed = head if len(head) <= MAX_LISTED else None
    page = Paginator(
        head if listed is not None else _FoundIds(head, ids, total), page_size
    ).get_page(number)
    found = rows.model.objects.for_list().in_bulk(list(page.object_list))
    return page, [found[pk] for pk in page.object_list], listed


def commitment_results(
    request: HttpRequest, *, page_size: int = PAGE_SIZE, with_facets: bool = True
) -> CommitmentResults:
    """The commitments a request asks for (its filters and words), one page of them ranked by
    relevance when words are given (else by id), with the facets of everything found."""
    params = choices_of(request)
    unknown = unknown_choices(request)
    q = clean_query(params.get("q", ""))
    filterset = CommitmentFilter(
        QueryDict(urlencode(params)),
        queryset=Commitment.objects.for_list(),
        request=request,
    )
    if not filterset.is_valid():
        empty = Paginator(Commitment.objects.none(), page_size).get_page(1)
        return CommitmentResults(
            page=empty,
            rows=[],
            facets=[],
            q=q,
            errors=filterset.errors,
            query=urlencode(params),
            unknown=unknown,
        )
    rows = filterset.qs
    if q and "ordering" not in params:
        rows = rows.order_by("-search_rank", "ogp_id")
    elif "ordering" not in params:
        rows = rows.order_by("ogp_id")
    page, page_rows, listed = page_of(rows, page_size, request.GET.get("page"))
    # Up to MAX_LISTED ids found, the facet query takes them as a list (searching again costs
    # most for phrases and typos); past that, it searches again, once: on PostgreSQL a match is
    # one bitmap scan (about 10 ms for a word in a quarter of 20,000 commitments), cheaper than
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
        unknown=unknown,
    )
