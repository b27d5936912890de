"""Which commitment a row is: the identity rule (README, "Importing IRM data"), one plan at a time.

Rows are grouped by plan as they stream. When a plan's rows start, the plan's commitments (and any
commitment holding one of those rows' OGP ids) are read in one query; the index is dropped when
the plan ends, so memory follows the largest plan, not the database.

A row is matched to a commitment of its plan that no other row of the file has matched yet, title
first, so a file whose numbering is shifted against the provisional ids, or a subset holding only
the second of a repeated number (Peru's second `4:A`), finds the commitment whose title it carries:
1. the same title (the opening words, accent- and case-blind), or a nearly identical one; among
   equals, the same number, then the same source key (Norway's five identically titled rows);
2. else a commitment with the same number and a similar title;
3. else (a row without ids only) the commitment with the same source key, whatever its title: how
   rows match commitments entered by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Q

from commitments.models import PROVISIONAL_MARK, ActionPlan, Commitment

from .common import plain

# Titles are compared on their opening words: enough to confirm a match.
TITLE_KEY_LENGTH = 160
# A nearly identical title matches on its own; a similar one only with the same number.
SAME_TITLE, SIMILAR_TITLE = 0.9, 0.5


def title_key(title: str) -> str:
    return " ".join(plain(title).split())[:TITLE_KEY_LENGTH]


def number_key(number: object) -> str:
    return " ".join(str(number or "").split()).casefold()


def similarity(a: str, b: str, floor: float) -> float:
    """The ratio of two title keys, or 0 when it cannot reach `floor` (cheap bounds first)."""
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


@dataclass
class Identity:
    """What a row is: the commitment id to write it under, or a conflict that keeps it out."""

    ogp_id: str = ""
    source_key: str = ""
    provisional: bool = False
    # A row without ids matching a commitment that a file with OGP's ids holds: only what that
    # file did not give (assessments of reports it lacks) is added.
    enrich_only: bool = False
    renamed_from: str = ""  # the provisional id a reconciled commitment leaves behind
    added_after: bool = False  # the commitment is marked added later (a subset file cannot tell)
    conflict_message: str = ""

    @classmethod
    def conflict(cls, message: str) -> Identity:
        return cls(conflict_message=message)


@dataclass(eq=False, slots=True)  # one per commitment of the plan being read
class Known:
    ogp_id: str
    provisional: bool
    plan_ogp_id: str | None
    number: str
    source_key: str
    title_key: str
    title: str = ""
    row: int | None = None  # the row of this file that took it
    claimed: bool = False  # matched by a row of this file
    by_title: bool = False  # taken by a row without an id, matched by its title
    added_after: bool = False


class PlanIndex:
    """The commitments of one plan, and those holding any of its rows' OGP ids (one query)."""

    def __init__(self, plan: ActionPlan, ogp_ids: Iterable[str]) -> None:
        self.plan_ogp_id = plan.ogp_id
        self.by_id: dict[str, Known] = {}
        self.candidates: list[Known] = []
        self.by_title: dict[str, list[Known]] = defaultdict(list)
        query = Q(ogp_id__in=sorted(set(ogp_ids)))
        if plan.pk is not None:
            query |= Q(action_plan_id=plan.pk)
        rows = (
            Commitment.objects.filter(query)
            .order_by("pk")
            .values_list(
                "ogp_id",
                "source_key",
                "id_provisional",
                "action_plan__ogp_id",
                "title",
                "action_plan__member__code",
                "action_plan__number",
                "number",
                "added_after_approval",
            )
        )
        occurrences: Counter[str] = Counter()
        for (
            ogp_id,
            key,
            provisional,
            plan_ogp_id,
            title,
            member,
            plan_number,
            number,
            later,
        ) in rows:
            number = number_key(number)
            if plan_ogp_id == self.plan_ogp_id and not key:
                # Entered by hand (or by the demo): the key a file row for it would have.
                occurrences[number] += 1
                key = f"{member}|{plan_number}|{number}|{occurrences[number]}"
            self.add(
                ogp_id,
                provisional=provisional,
                plan_ogp_id=plan_ogp_id,
                number=number,
                source_key=key,
                title=title,
            ).added_after = later

    def add(
        self,
        ogp_id: str,
        *,
        provisional: bool,
        plan_ogp_id: str | None,
        number: str,
        source_key: str,
        title: str,
        row: int | None = None,
        claimed: bool = False,
    ) -> Known:
        known = Known(
            ogp_id,
            provisional,
            plan_ogp_id,
            number,
            source_key,
            title_key(title),
            title[:60],
            row,
            claimed,
        )
        self.by_id[ogp_id] = known
        if plan_ogp_id == self.plan_ogp_id:
            self.candidates.append(known)
            self.by_title[known.title_key].append(known)
        return known

    def match(
        self, *, number: str, key: str, title: str, with_ids: bool, provisional_only: bool = False
    ) -> Known | None:
        """The commitment of the plan this row is (module docstring), or None."""
        wanted = title_key(title)

        def free(known: Known) -> bool:
            return not known.claimed and (known.provisional or not provisional_only)

        def rank(known: Known) -> tuple[bool, bool]:
            return (known.number == number, known.source_key == key)

        same = [k for k in self.by_title.get(wanted, ()) if free(k)]
        if same:
            return max(same, key=rank)  # the first of equals: file order
        near = [
            (ratio, k)
            for k in self.candidates
            if free(k) and (ratio := similarity(k.title_key, wanted, SAME_TITLE)) >= SAME_TITLE
        ]
        if near:
            return max(near, key=lambda item: (item[0], *rank(item[1])))[1]
        numbered = [
            (ratio, k)
            for k in self.candidates
            if free(k)
            and k.number == number
            and (ratio := similarity(k.title_key, wanted, SIMILAR_TITLE)) >= SIMILAR_TITLE
        ]
        if numbered:
            return max(numbered, key=lambda item: (item[1].source_key == key, item[0]))[1]
        if not with_ids:
            return next((k for k in self.candidates if free(k) and k.source_key == key), None)
        return None


class ProvisionalIds:
    """Provisional ids (PE-P0008: the member's prefix, -P, the row's position among the member's
    rows of the file), the next free number where another commitment holds that one."""

    def __init__(self) -> None:
        self.last: Counter[str] = Counter()  # prefix -> highest provisional number held
        self.moved: set[str] = set()  # ids this file gave past the last one (rare)
        for ogp_id in (
            Commitment.objects.filter(id_provisional=True)
            .values_list("ogp_id", flat=True)
            .iterator(chunk_size=2000)
        ):
            self._note(ogp_id)

    def _note(self, ogp_id: str) -> None:
        prefix, _sep, number = ogp_id.partition(PROVISIONAL_MARK)
        if number.isdigit():
            self.last[prefix] = max(self.last[prefix], int(number))

    def assign(self, wanted: list[tuple[str, int]]) -> list[str]:
        """Ids for (prefix, position) pairs, in order (one query for those already held)."""
        ids = [f"{prefix}{PROVISIONAL_MARK}{position:04d}" for prefix, position in wanted]
        held = set(Commitment.objects.filter(ogp_id__in=ids).values_list("ogp_id", flat=True))
        given = []
        for (prefix, _position), ogp_id in zip(wanted, ids, strict=True):
            # `moved` grows in this loop: a later position may be an id just given to a moved row.
            if ogp_id in held or ogp_id in self.moved:
                ogp_id = f"{prefix}{PROVISIONAL_MARK}{self.last[prefix] + 1:04d}"
                self.moved.add(ogp_id)
            self._note(ogp_id)
            given.append(ogp_id)
        return given
