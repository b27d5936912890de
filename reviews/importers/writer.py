"""Writes parsed rows to the database in batches, comparing with what is there first.

Rows arrive one at a time (`add`) and are identified a plan at a time (`settle`, identity.py: the
plan's commitments read in one query, dropped after); every BATCH_SIZE rows the writer creates
what is new and updates what changed, in bulk, with history (django-simple-history) recorded for
every created or changed row (batches.py). Per-file state is only the look-up maps (members, plans,
reports, policy areas: parents.py; organisations by key: organizations.py), the id counters and a
few bytes per row.

Identity: members by code; plans by ogp_id; commitments by ogp_id, or matched title first within
their plan (provisional ids are the member's prefix, -P and the row's position among that member's
rows in the file, so they are stable for a file); organisations by member and name key (see
organizations.py); reports by (plan, kind); assessments by (report, commitment).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from django.db.models import CharField
from django.utils.translation import gettext as _

from commitments.models import (
    ActionPlan,
    Commitment,
    Member,
    Organization,
)
from reviews.models import Assessment
from reviews.services import irm_figures_changed

from .batches import BatchWrite
from .common import ImportRowError, fit
from .identity import Identity, PlanIndex, ProvisionalIds, number_key
from .organizations import NAME_LENGTH, OrganizationIndex
from .parents import Parents
from .records import COMMITMENT_DEFAULTS, COMMITMENT_FIELDS, CommitmentRecord
from .summary import Summary

# How often a long file reports how far it got (on stderr, and on the import run's admin page).
PROGRESS_EVERY = 500
# How many rows are written together (module docstring); named so that a test can make it small.
BATCH_SIZE = 500

_MAX_LENGTHS = {
    f.attname: f.max_length
    for f in Commitment._meta.concrete_fields
    if isinstance(f, CharField) and f.attname in COMMITMENT_FIELDS
}
# An assessment's scale labels as they arrived (a level with a note after it is a long label).
_ASSESSMENT_MAX_LENGTHS = {
    f.attname: f.max_length
    for f in Assessment._meta.concrete_fields
    if isinstance(f, CharField) and f.max_length
}


def _cells_digest(cells: dict[str, str]) -> bytes:
    """A row's cells, by column and with their spaces tidied, as 8 bytes."""
    text = "\0".join(f"{name}\0{' '.join(cell.split())}" for name, cell in sorted(cells.items()))
    return hashlib.blake2b(text.encode(), digest_size=8).digest()


class Writer:
    def __init__(
        self,
        *,
        source_file: str,
        progress: Callable[[int], None] | None = None,
        sha256: str = "",
        file_format: str = "",
    ) -> None:
        self.source_file = source_file
        self.sha256, self.file_format = sha256, file_format
        self.reason = f"import_ogp_irm {source_file}"
        self.batch_size = BATCH_SIZE
        self.progress = progress
        self.summary = Summary()
        self.orgs = OrganizationIndex()
        self.parents = Parents(summary=self.summary, orgs=self.orgs, reason=self.reason)
        self.provisional_ids = ProvisionalIds()
        self._positions: Counter[str] = Counter()  # member code -> rows without ids seen
        # The rows of the plan being read, identified together when the plan's rows end.
        self._group: list[tuple[CommitmentRecord, Member, ActionPlan, str]] = []
        # Plan ogp_id -> the numbers its rows gave, in order, joined by NUL (refused in a file):
        # a few bytes per row, for a plan whose rows come back after another plan's.
        self._plans_read: dict[str, str] = {}
        # Plan ogp_id -> the ids its rows took, each with a tab and the row when the row gave that
        # id itself, NUL-joined.
        self._plans_matched: dict[str, str] = {}
        # A digest of each row without an OGP id (its cells) -> its row: 8 bytes a row.
        self._rows_without_ids: dict[bytes, int] = {}
        # OGP id -> (row, matched by title), for the rows not yet written
        self._batch_rows: dict[str, tuple[int, bool]] = {}
        self._batch: list[tuple[CommitmentRecord, dict[str, object]]] = []
        # Rows that cannot be placed, found when their plan's rows are identified.
        self.problems: list[ImportRowError] = []

    # --- Rows ---------------------------------------------------------------------------------------

    def add(self, record: CommitmentRecord, commitment_label: str = "") -> None:
        """Queue a row; the rows of one plan are identified together when that plan's rows end."""
        member = self.parents.member(record.member, record.row)
        plan = self.parents.plan(member, record)
        if self._group and self._group[0][2] is not plan:
            self.settle()
        self._group.append((record, member, plan, commitment_label))

    def _fit(self, values: dict, limits: dict[str, int], row: int, label: str) -> None:
        """Shorten, with a warning, the texts longer than their column (the row's cells keep them
        whole)."""
        for name, limit in limits.items():
            text = values.get(name)
            if isinstance(text, str) and len(text) > limit:
                values[name] = fit(text, limit)[0]
                self.summary.warn(
                    _("%(field)s longer than %(limit)d characters, shortened")
                    % {"field": name, "limit": limit},
                    row,
                    commitment=label,
                )

    def settle(self) -> None:
        """Identify the rows of the plan just read (module identity: one query for the plan's
        commitments, dropped after) and queue them for writing."""
        group, self._group = self._group, []
        if not group:
            return
        plan = group[0][2]
        earlier = self._plans_read.get(plan.ogp_id)
        if earlier is not None:
            self.flush()  # the plan's earlier rows must be in the database to be matched
        numbers = earlier.split("\0") if earlier is not None else []
        occurrences = Counter(number_key(n) for n in numbers)
        seen = set(numbers)
        index = PlanIndex(plan, (record.ogp_id for record, *_ in group if record.ogp_id))
        if earlier is not None:
            for entry in self._plans_matched[plan.ogp_id].split("\0"):
                ogp_id, row, how = entry.split("\t")
                if known := index.by_id.get(ogp_id):
                    # Taken by the plan's earlier rows: a row giving this id is refused, as in a plan.
                    known.claimed, known.row, known.by_title = True, int(row), bool(how)
        identities: list[Identity | int | None] = []
        added_after: list[bool] = []
        keys: list[str] = []
        for record, member, _plan, label in group:
            raw = str(record.values.get("number", ""))
            # Rule: a Comm No already seen earlier in the same plan marks a commitment added later.
            added_after.append(bool(raw) and raw in seen)
            seen.add(raw)
            numbers.append(raw)
            number = number_key(raw)
            occurrences[number] += 1
            key = f"{member.code}|{record.plan_number}|{number}|{occurrences[number]}"
            keys.append(key)
            try:
                identities.append(self._identify(index, record, member, plan, number, key))
            except ImportRowError as error:
                error.commitment = error.commitment or label
                self.problems.append(error)
                identities.append(None)
        self._plans_read[plan.ogp_id] = "\0".join(numbers)
        new = [i for i, identity in enumerate(identities) if isinstance(identity, int)]
        given = self.provisional_ids.assign(
            [(group[i][1].commitment_prefix, identities[i]) for i in new]
        )
        for i, ogp_id in zip(new, given, strict=True):
            identities[i] = Identity(ogp_id, keys[i], provisional=True)
        # Each id a row took, its row, and "t" when the row had no id and its title matched.
        matched = [
            f"{identity.ogp_id}\t{record.row}\t{'' if record.ogp_id else 't'}"
            for (record, *_), identity in zip(group, identities, strict=True)
            if isinstance(identity, Identity) and identity.ogp_id
        ]
        if earlier is not None:
            matched.insert(0, self._plans_matched[plan.ogp_id])
        self._plans_matched[plan.ogp_id] = "\0".join(matched)
        for (record, member, _plan, label), identity, later in zip(
            group, identities, added_after, strict=True
        ):
            if isinstance(identity, Identity):
                self._queue(record, member, plan, identity, label, later)

    def _queue(
        self,
        record: CommitmentRecord,
        member: Member,
        plan: ActionPlan,
        identity: Identity,
        label: str,
        added_after: bool,
    ) -> None:
        label = record.ogp_id or label
        if identity.conflict_message:
            self.summary.conflict(identity.conflict_message, record.row, commitment=label)
            return
        ogp_id = identity.ogp_id
        added_after = added_after or identity.added_after
        lead_names = record.lead
        lead = self.orgs.resolve(lead_names[0], member, record.row) if lead_names else None
        # Several institutions in the lead cell: the first leads, the others co-lead.
        co_leads: dict[int, Organization] = {}
        for name in lead_names[1:]:
            org = self.orgs.resolve(name, member, record.row)
            if org is not lead:
                co_leads.setdefault(id(org), org)
        supporting: dict[int, Organization] = {}
        for name in record.supporting:
            org = self.orgs.resolve(name, member, record.row)
            if org is not lead and id(org) not in co_leads:
                supporting.setdefault(id(org), org)
        areas = [self.parents.area(name) for name in record.policy_areas]
        reports = [(self.parents.report(plan, a), a) for a in record.assessments]
        values = {**COMMITMENT_DEFAULTS, **record.values}
        self._fit(values, _MAX_LENGTHS, record.row, label)
        for assessment in record.assessments:
            self._fit(assessment.values, _ASSESSMENT_MAX_LENGTHS, record.row, label)
        for column, warning in record.warnings:
            self.summary.warn(warning, record.row, column=column, commitment=label)
        self.parents.plan_facts(plan, record)
        state = {
            "ogp_id": ogp_id,
            "identity": identity,
            "plan": plan,
            "values": values,
            "added_after": added_after,
            "lead": lead,
            "supporting": list(supporting.values()),
            "co_leads": list(co_leads.values()),
            "areas": areas,
            "reports": reports,
        }
        self._batch.append((record, state))
        self._batch_rows[ogp_id] = (record.row, record.ogp_id is None)
        self.summary.rows += 1
        if len(self._batch) >= self.batch_size:
            self.flush()
        if self.progress and self.summary.rows % PROGRESS_EVERY == 0:
            self.progress(self.summary.rows)

    def _identify(
        self,
        index: PlanIndex,
        record: CommitmentRecord,
        member: Member,
        plan: ActionPlan,
        number: str,
        key: str,
    ) -> Identity | int:
        """Which commitment a row is, by the identity rule (identity.py); a conflict instead when
        writing the row would re-point an id at a different commitment; for a row without ids
        matching nothing, its position among the member's rows (its provisional id comes later)."""
        title = str(record.values.get("title", ""))
        if record.ogp_id is None:
            first = self._rows_without_ids.setdefault(_cells_digest(record.raw), record.row)
            if first != record.row:
                # Rule: rows without ids are each a commitment (a repeated number is a later
                # one), but not a row copied cell for cell, as one with an id given twice is not.
                raise ImportRowError(
                    _(
                        "the same as row %(first)d, cell for cell: the same commitment twice (a "
                        "row copied, or two exports that overlap joined?); delete one of them"
                    )
                    % {"first": first},
                    row=record.row,
                )
            # The row's position among the member's rows of this file, matched or not: the same
            # provisional id whatever else is in the database (import order never changes it).
            self._positions[member.code] += 1
            known = index.match(number=number, key=key, title=title, with_ids=False)
            if known is None:
                return self._positions[member.code]
            known.claimed, known.row, known.by_title = True, record.row, True
            if not known.provisional:
                # A file with OGP's own ids already holds this commitment: it wins, in either order.
                return Identity(known.ogp_id, key, enrich_only=True)
            return Identity(
                known.ogp_id, known.source_key, provisional=True, added_after=known.added_after
            )
        holder = index.by_id.get(record.ogp_id)
        taken = self._batch_rows.get(record.ogp_id)
        if taken is None and holder is not None and holder.row is not None:
            taken = holder.row, holder.by_title
        if taken is not None:
            first, by_title = taken
            message = (
                _(
                    "commitment id %(id)s is already taken by row %(first)d "
                    "(a row without an id, matched to it by its title)"
                )
                if by_title
                else _("commitment id %(id)s already appears on row %(first)d")
            )
            raise ImportRowError(
                message % {"id": record.ogp_id, "first": first},
                row=record.row,
                column="Commitment Unique Identifier",
                commitment=record.ogp_id,
            )
        if holder is not None and not holder.provisional:
            if holder.plan_ogp_id != plan.ogp_id:
                return Identity.conflict(
                    _("%(id)s belongs to plan %(known)s; this row puts it in %(plan)s: not written")
                    % {"id": record.ogp_id, "known": holder.plan_ogp_id, "plan": plan.ogp_id}
                )
            holder.claimed, holder.row = True, record.row
            return Identity(record.ogp_id, key)
        # The real id is new, or held by a commitment that had only a provisional id.
        match = index.match(
            number=number, key=key, title=title, with_ids=True, provisional_only=True
        )
        if holder is not None and holder is not match:
            return Identity.conflict(
                _(
                    "%(id)s is held provisionally by a different commitment (%(title)s): "
                    "not written, reconcile by hand"
                )
                % {"id": record.ogp_id, "title": holder.title}
            )
        if match is not None:
            match.claimed, match.row = True, record.row
            index.by_id[record.ogp_id] = match
            self.summary.add("commitments", "reconciled")
            return Identity(record.ogp_id, key, renamed_from=match.ogp_id)
        index.add(
            record.ogp_id,
            provisional=False,
            plan_ogp_id=plan.ogp_id,
            number=number,
            source_key=key,
            title=title,
            row=record.row,
            claimed=True,
        )
        return Identity(record.ogp_id, key)

    # --- Batches ------------------------------------------------------------------------------------

    def flush(self) -> None:
        self.parents.create()
        self._batch_rows = {}
        if self._batch:
            touched = BatchWrite(
                self._batch,
                summary=self.summary,
                source_file=self.source_file,
                sha256=self.sha256,
                file_format=self.file_format,
                reason=self.reason,
            ).write()
            irm_figures_changed(touched)
            self._batch = []

    # --- End ----------------------------------------------------------------------------------------

    def finish(self) -> Summary:
        """Write what is left, settle each report's publication year, and count the rest."""
        self.settle()
        self.flush()
        changed = self.parents.finish()
        if changed:
            # Which assessment is the latest may have moved: refresh those plans' commitments.
            ids = list(
                Commitment.objects.filter(
                    action_plan_id__in={r.action_plan_id for r in changed}
                ).values_list("pk", flat=True)
            )
            for start in range(0, len(ids), self.batch_size):
                irm_figures_changed(ids[start : start + self.batch_size])
        self.summary.add("organisations", "created", self.orgs.created)
        self.summary.add("organisations", "unchanged", len(self.orgs.matched))
        self.summary.add("organisation names", "created", self.orgs.aliases_created)
        for row in self.orgs.shortened:
            self.summary.warn(
                _("organisation name longer than %(limit)d characters, shortened")
                % {"limit": NAME_LENGTH},
                row,
            )
        return self.summary
