"""Writes parsed rows to the database in batches, comparing with what is there first.

Rows arrive one at a time (`add`) and are identified a plan at a time (`settle`, identity.py: the
plan's commitments read in one query, dropped after); every `batch_size` rows the writer creates
what is new and updates what changed, in bulk, with history (django-simple-history) recorded for
every created or changed row. Per-file state is only the look-up maps (members, plans, reports,
organisations by key, policy areas), the id counters and a few bytes per row.

Identity: members by code; plans by ogp_id; commitments by ogp_id, or matched title first within
their plan (provisional ids are the member's prefix, -P and the row's position among that member's
rows in the file, so they are stable for a file); organisations by member and name key (see
organizations.py); reports by (plan, kind); assessments by (report, commitment).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.apps import apps
from django.db.models import CharField
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentFormerId,
    Member,
    Organization,
    PolicyArea,
    SourceRecord,
)
from reviews.models import Assessment, IRMReport
from reviews.services import irm_figures_changed
from reviews.stars import apply_stars

from .common import (
    ASSESSMENT_DEFAULTS,
    ASSESSMENT_FIELDS,
    COMMITMENT_DEFAULTS,
    COMMITMENT_FIELDS,
    AssessmentRecord,
    CommitmentRecord,
    ImportRowError,
    MemberSpec,
    Summary,
    fit,
)
from .identity import Identity, PlanIndex, ProvisionalIds, number_key
from .organizations import OrganizationIndex

SEARCHED_TEXT = ("number", "title", "short_title", "full_text")
_MAX_LENGTHS = {
    f.attname: f.max_length
    for f in Commitment._meta.concrete_fields
    if isinstance(f, CharField) and f.attname in COMMITMENT_FIELDS
}


class Writer:
    def __init__(
        self,
        *,
        source_file: str,
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
        sha256: str = "",
        file_format: str = "",
    ) -> None:
        self.source_file = source_file
        self.sha256, self.file_format = sha256, file_format
        self.reason = f"import_ogp_irm {source_file}"
        self.batch_size = batch_size
        self.progress = progress
        self.summary = Summary()
        self.orgs = OrganizationIndex()
        self.members = {m.code: m for m in Member.objects.all()}
        self.prefixes = {m.commitment_prefix: m.code for m in self.members.values()}
        self.plans = {p.ogp_id: p for p in ActionPlan.objects.select_related("member")}
        self.areas = {a.slug: a for a in PolicyArea.objects.all()}
        self.reports = {
            (r.action_plan_id, r.kind): r for r in IRMReport.objects.all().order_by("pk")
        }
        self._seen: dict[str, set[str]] = {"members": set(), "plans": set(), "areas": set()}
        self._new_members: list[Member] = []
        self._changed_members: list[Member] = []
        self._new_plans: list[ActionPlan] = []
        self._new_areas: list[PolicyArea] = []
        self._new_reports: list[IRMReport] = []
        self._created_reports: set[int] = set()
        self._years: dict[int, Counter[int]] = defaultdict(Counter)  # id(report) -> years
        self.provisional_ids = ProvisionalIds()
        self._plan_facts_seen: dict[str, set[str]] = {}
        self._changed_plans: dict[str, ActionPlan] = {}
        self._positions: Counter[str] = Counter()  # member code -> rows without ids seen
        # The rows of the plan being read, identified together when the plan's rows end.
        self._group: list[tuple[CommitmentRecord, Member, ActionPlan, str]] = []
        # Plan ogp_id -> the numbers its rows gave, in order, joined by NUL (refused in a file):
        # a few bytes per row, for a plan whose rows come back after another plan's.
        self._plans_read: dict[str, str] = {}
        self._plans_matched: dict[str, str] = {}  # plan ogp_id -> ids its rows took, NUL-joined
        self._batch_rows: dict[str, int] = {}  # OGP id -> row, for the rows not yet written
        self._batch: list[tuple[CommitmentRecord, dict[str, object]]] = []
        # Rows that cannot be placed, found when their plan's rows are identified.
        self.problems: list[ImportRowError] = []

    # --- Rows ---------------------------------------------------------------------------------------

    def add(self, record: CommitmentRecord, commitment_label: str = "") -> None:
        """Queue a row; the rows of one plan are identified together when that plan's rows end."""
        member = self._member(record.member, record.row)
        plan = self._plan(member, record)
        if self._group and self._group[0][2] is not plan:
            self.settle()
        self._group.append((record, member, plan, commitment_label))

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
            for ogp_id in self._plans_matched[plan.ogp_id].split("\0"):
                if ogp_id in index.by_id:
                    index.by_id[ogp_id].claimed = True  # taken by the plan's earlier rows
        identities: list[Identity | int | None] = []
        added_after: list[bool] = []
        keys: list[str] = []
        for record, member, _plan, _label in group:
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
                error.commitment = error.commitment or record.ogp_id or ""
                self.problems.append(error)
                identities.append(None)
        self._plans_read[plan.ogp_id] = "\0".join(numbers)
        new = [i for i, identity in enumerate(identities) if isinstance(identity, int)]
        given = self.provisional_ids.assign(
            [(group[i][1].commitment_prefix, identities[i]) for i in new]
        )
        for i, ogp_id in zip(new, given, strict=True):
            identities[i] = Identity(ogp_id, keys[i], provisional=True)
        matched = [i.ogp_id for i in identities if isinstance(i, Identity) and i.ogp_id]
        if earlier is not None:
            matched.insert(0, self._plans_matched[plan.ogp_id])
        self._plans_matched[plan.ogp_id] = "\0".join(matched)
        for (record, member, _plan, label), identity, later in zip(
            group, identities, added_after, strict=True
        ):
            if isinstance(identity, Identity):
                self._queue(record, member, plan, identity, label or record.ogp_id or "", later)

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
        areas = [self._area(name) for name in record.policy_areas]
        reports = [(self._report(plan, a), a) for a in record.assessments]
        values = {**COMMITMENT_DEFAULTS, **record.values}
        for name, limit in _MAX_LENGTHS.items():
            text = values.get(name)
            if isinstance(text, str) and len(text) > limit:
                values[name] = fit(text, limit)[0]
                self.summary.warn(
                    _("%(field)s longer than %(limit)d characters, shortened")
                    % {"field": name, "limit": limit},
                    record.row,
                    commitment=label,
                )
        for column, warning in record.warnings:
            self.summary.warn(warning, record.row, column=column, commitment=label)
        self._plan_facts(plan, record)
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
        self._batch_rows[ogp_id] = record.row
        self.summary.rows += 1
        if len(self._batch) >= self.batch_size:
            self.flush()
        if self.progress and self.summary.rows % 500 == 0:
            self.progress(self.summary.rows)

    def _member(self, spec: MemberSpec, row: int) -> Member:
        member = self.members.get(spec.code)
        if member is None:
            country = self._member(spec.country, row) if spec.country else None
            taken_by = self.prefixes.get(spec.prefix)
            if taken_by:
                raise ImportRowError(
                    _("commitment prefix %(prefix)s of %(name)s is already used by member %(code)s")
                    % {"prefix": spec.prefix, "name": spec.name, "code": taken_by},
                    row=row,
                )
            member = Member(
                code=spec.code,
                iso_alpha2=spec.iso_alpha2,
                commitment_prefix=spec.prefix,
                name=fit(spec.name, 200)[0],
                kind=spec.kind,
                country=country,
            )
            self.members[spec.code] = member
            self.prefixes[spec.prefix] = spec.code
            self._new_members.append(member)
            self.summary.add("members", "created")
        elif member.kind != spec.kind and Member.Kind.OTHER not in (member.kind, spec.kind):
            raise ImportRowError(
                _("member %(code)s exists as a %(kind)s member; this row says %(given)s")
                % {"code": spec.code, "kind": member.kind, "given": spec.kind},
                row=row,
            )
        elif (
            spec.prefix_from_ids
            and member.pk is not None
            and member.commitment_prefix != spec.prefix
            and spec.code not in self._seen["members"]
        ):
            # OGP's own ids say the prefix (UK, not ISO's GB): they win, in either order.
            taken_by = self.prefixes.get(spec.prefix)
            if taken_by:
                raise ImportRowError(
                    _("commitment prefix %(prefix)s of %(name)s is already used by member %(code)s")
                    % {"prefix": spec.prefix, "name": spec.name, "code": taken_by},
                    row=row,
                )
            del self.prefixes[member.commitment_prefix]
            member.commitment_prefix = spec.prefix
            member.updated_at = timezone.now()
            self.prefixes[spec.prefix] = spec.code
            self._changed_members.append(member)
            self.summary.changed("members", spec.code, ["commitment_prefix"])
            self.summary.add("members", "updated")
        elif spec.code not in self._seen["members"] and member.pk is not None:
            self.summary.add("members", "unchanged")
        self._seen["members"].add(spec.code)
        return member

    def _plan(self, member: Member, record: CommitmentRecord) -> ActionPlan:
        plan = self.plans.get(record.plan_ogp_id)
        if plan is None:
            plan = ActionPlan(member=member, number=record.plan_number, ogp_id=record.plan_ogp_id)
            self.plans[plan.ogp_id] = plan
            self._new_plans.append(plan)
            self.summary.add("action plans", "created")
        else:
            if plan.member.code != member.code or plan.number != record.plan_number:
                raise ImportRowError(
                    _("plan %(id)s already exists as plan %(n)d of %(member)s")
                    % {"id": plan.ogp_id, "n": plan.number, "member": plan.member.code},
                    row=record.row,
                )
            if plan.pk is not None and plan.ogp_id not in self._seen["plans"]:
                self.summary.add("action plans", "unchanged")
        self._seen["plans"].add(plan.ogp_id)
        return plan

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
            # The row's position among the member's rows of this file, matched or not: the same
            # provisional id whatever else is in the database (import order never changes it).
            self._positions[member.code] += 1
            known = index.match(number=number, key=key, title=title, with_ids=False)
            if known is None:
                return self._positions[member.code]
            known.claimed = True
            if not known.provisional:
                # A file with OGP's own ids already holds this commitment: it wins, in either order.
                return Identity(known.ogp_id, key, enrich_only=True)
            return Identity(
                known.ogp_id, known.source_key, provisional=True, added_after=known.added_after
            )
        holder = index.by_id.get(record.ogp_id)
        first = self._batch_rows.get(record.ogp_id) or (holder.row if holder else None)
        if first is not None:
            raise ImportRowError(
                _("commitment id %(id)s already appears on row %(first)d")
                % {"id": record.ogp_id, "first": first},
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

    def _plan_facts(self, plan: ActionPlan, record: CommitmentRecord) -> None:
        """A plan's submission and end years, from its rows (the first row that gives each)."""
        for name, value in record.plan_values.items():
            seen = self._plan_facts_seen.setdefault(name, set())
            if value is None or plan.ogp_id in seen:
                continue
            seen.add(plan.ogp_id)
            if getattr(plan, name) != value:
                setattr(plan, name, value)
                if plan.pk is not None:
                    plan.updated_at = timezone.now()
                    self._changed_plans[plan.ogp_id] = plan

    def _area(self, name: str) -> PolicyArea:
        slug = slugify(name)[:80]
        area = self.areas.get(slug)
        if area is None:
            area = self.areas[slug] = PolicyArea(slug=slug, name=name[:120])
            self._new_areas.append(area)
            self.summary.add("policy areas", "created")
        elif area.pk is not None and slug not in self._seen["areas"]:
            self.summary.add("policy areas", "unchanged")
        self._seen["areas"].add(slug)
        return area

    def _report(self, plan: ActionPlan, record: AssessmentRecord) -> IRMReport:
        key = (plan.pk if plan.pk is not None else id(plan), record.kind)
        report = self.reports.get(key)
        if report is None:
            report = self.reports[key] = IRMReport(
                action_plan=plan,
                kind=record.kind,
                methodology=record.methodology,
                state=IRMReport.State.PUBLISHED,
            )
            self._new_reports.append(report)
        if record.publication_year:
            self._years[id(report)][record.publication_year] += 1
        return report

    # --- Batches ------------------------------------------------------------------------------------

    def flush(self) -> None:
        self._create_parents()
        self._batch_rows = {}
        if self._batch:
            touched = self._write_commitments()
            irm_figures_changed(touched)
            self._batch = []

    def _create_parents(self) -> None:
        if self._new_members:
            # Nations first: a local member points at its country, which needs its id.
            for kind in (Member.Kind.NATIONAL, Member.Kind.OTHER, Member.Kind.LOCAL):
                Member.objects.bulk_create([m for m in self._new_members if m.kind == kind])
            self._new_members = []
        if self._changed_members:
            Member.objects.bulk_update(self._changed_members, ["commitment_prefix", "updated_at"])
            self._changed_members = []
        if self._new_plans:
            bulk_create_with_history(self._new_plans, ActionPlan, default_change_reason=self.reason)
            for plan in self._new_plans:  # re-key the reports made while the plan had no pk
                for kind in IRMReport.Kind.values:
                    report = self.reports.pop((id(plan), kind), None)
                    if report is not None:
                        self.reports[(plan.pk, kind)] = report
            self._new_plans = []
        if self._new_areas:
            PolicyArea.objects.bulk_create(self._new_areas)
            self._new_areas = []
        if self.orgs.pending:
            bulk_create_with_history(
                self.orgs.pending, Organization, default_change_reason=self.reason
            )
            self.orgs.pending = []
        if self.orgs.pending_aliases:
            type(self.orgs.pending_aliases[0]).objects.bulk_create(self.orgs.pending_aliases)
            self.orgs.pending_aliases = []
        if self._new_reports:
            for report in self._new_reports:
                report.publication_year = _most_common(self._years.get(id(report)))
            bulk_create_with_history(
                self._new_reports, IRMReport, default_change_reason=self.reason
            )
            self._created_reports.update(r.pk for r in self._new_reports)
            self.summary.add("IRM reports", "created", len(self._new_reports))
            self._new_reports = []

    def _write_commitments(self) -> list[int]:
        now = timezone.now()
        lookup = [state["identity"].renamed_from or state["ogp_id"] for _r, state in self._batch]
        existing = Commitment.objects.in_bulk(lookup, field_name="ogp_id")
        through_s = Commitment.supporting_organizations.through
        through_a = Commitment.policy_areas.through
        current_s: dict[int, dict[int, int]] = defaultdict(dict)  # commitment -> org -> row id
        current_a: dict[int, set[int]] = defaultdict(set)
        ids = [c.pk for c in existing.values()]
        for pk, c_id, o_id in through_s.objects.filter(commitment_id__in=ids).values_list(
            "pk", "commitment_id", "organization_id"
        ):
            current_s[c_id][o_id] = pk
        for c_id, a_id in through_a.objects.filter(commitment_id__in=ids).values_list(
            "commitment_id", "policyarea_id"
        ):
            current_a[c_id].add(a_id)
        through_c = Commitment.co_lead_organizations.through
        current_c: dict[int, set[int]] = defaultdict(set)
        for c_id, o_id in through_c.objects.filter(commitment_id__in=ids).values_list(
            "commitment_id", "organization_id"
        ):
            current_c[c_id].add(o_id)

        new, changed, m2m, renamed, co_m2m = [], [], [], [], []
        for record, state in self._batch:
            plan, identity = state["plan"], state["identity"]
            commitment = existing.get(identity.renamed_from or state["ogp_id"])
            if identity.enrich_only and commitment is not None:
                self.summary.add("commitments", "unchanged")
                state["commitment"] = commitment
                continue
            wanted = {
                **state["values"],
                "action_plan_id": plan.pk,
                "lead_organization_id": state["lead"].pk if state["lead"] else None,
                "added_after_approval": state["added_after"],
                "id_provisional": identity.provisional,
                "source_key": identity.source_key,
                "search_text": Commitment.make_search_text(
                    state["ogp_id"],
                    *(str(state["values"].get(f, "")) for f in SEARCHED_TEXT),
                ),
                "source_file": self.source_file,
                "source_row": record.row,
            }
            orgs = {o.pk for o in state["supporting"]}
            areas = {a.pk for a in state["areas"]}
            co_leads = {o.pk for o in state["co_leads"]}
            if commitment is None:
                commitment = Commitment(ogp_id=state["ogp_id"], **wanted)
                new.append(commitment)
            else:
                if commitment.action_plan_id != plan.pk:
                    raise ImportRowError(
                        _(
                            "commitment %(id)s already belongs to another plan; this row puts it in %(plan)s"
                        )
                        % {"id": commitment.ogp_id, "plan": plan.ogp_id},
                        row=record.row,
                        commitment=commitment.ogp_id,
                    )
                if identity.renamed_from:
                    renamed.append((identity.renamed_from, commitment))
                    commitment.ogp_id = state["ogp_id"]
                diff = _changed(commitment, wanted, COMMITMENT_FIELDS)
                if (
                    diff
                    or identity.renamed_from
                    or orgs != set(current_s[commitment.pk])
                    or areas != current_a[commitment.pk]
                    or co_leads != current_c[commitment.pk]
                ):
                    fields = [f for f in diff if f not in PROVENANCE | {"search_text"}]
                    if identity.renamed_from:
                        fields.insert(0, "ogp_id")
                    fields += [
                        name
                        for name, now_set, was in (
                            ("supporting_organizations", orgs, set(current_s[commitment.pk])),
                            ("policy_areas", areas, current_a[commitment.pk]),
                            ("co_lead_organizations", co_leads, current_c[commitment.pk]),
                        )
                        if now_set != was
                    ]
                    self.summary.changed("commitments", state["ogp_id"], fields)
                    for f in diff:
                        setattr(commitment, f, wanted[f])
                    commitment.version += 1
                    commitment.updated_at = now
                    changed.append(commitment)
                else:
                    self.summary.add("commitments", "unchanged")
            m2m.append((commitment, orgs, areas))
            co_m2m.append((commitment, co_leads))
            state["commitment"] = commitment

        if new:
            Commitment.objects.bulk_create(new)
        if changed:
            Commitment.objects.bulk_update(
                changed, ["ogp_id", *COMMITMENT_FIELDS, "version", "updated_at"], batch_size=500
            )
        if renamed:
            CommitmentFormerId.objects.bulk_create(
                CommitmentFormerId(ogp_id=old, commitment=commitment) for old, commitment in renamed
            )
        SourceRecord.objects.bulk_create(
            (
                SourceRecord(
                    commitment=state["commitment"],
                    file_name=self.source_file,
                    sha256=self.sha256,
                    file_format=self.file_format,
                    row=record.row,
                    cells=record.raw,
                )
                for record, state in self._batch
            ),
            ignore_conflicts=True,  # the same file again: its rows are already kept
        )
        self._sync_m2m(m2m, current_s, current_a, through_s, through_a)
        add_c = []
        for commitment, co_leads in co_m2m:
            have = current_c.get(commitment.pk, set())
            if have - co_leads:  # rare: only when a file's lead cell changes
                through_c.objects.filter(
                    commitment_id=commitment.pk, organization_id__in=have - co_leads
                ).delete()
            add_c += [
                through_c(commitment_id=commitment.pk, organization_id=o) for o in co_leads - have
            ]
        through_c.objects.bulk_create(add_c)
        self._record_commitment_history(new, update=False)
        self._record_commitment_history(changed, update=True)
        self.summary.add("commitments", "created", len(new))
        self.summary.add("commitments", "updated", len(changed))
        return self._write_assessments()

    def _sync_m2m(self, m2m, current_s, current_a, through_s, through_a) -> None:
        add_s, add_a, drop_s, drop_a = [], [], [], []
        for commitment, orgs, areas in m2m:
            have_s, have_a = current_s.get(commitment.pk, {}), current_a.get(commitment.pk, set())
            add_s += [
                through_s(commitment_id=commitment.pk, organization_id=o)
                for o in orgs - set(have_s)
            ]
            drop_s += [have_s[o] for o in set(have_s) - orgs]
            add_a += [
                through_a(commitment_id=commitment.pk, policyarea_id=a) for a in areas - have_a
            ]
            drop_a += [(commitment.pk, a) for a in have_a - areas]
        if drop_s:
            through_s.objects.filter(pk__in=drop_s).delete()
        for c_id, a_id in drop_a:  # rare: only when a file's flags change
            through_a.objects.filter(commitment_id=c_id, policyarea_id=a_id).delete()
        through_s.objects.bulk_create(add_s)
        through_a.objects.bulk_create(add_a)
        self._through_rows = {(row.commitment_id, row.organization_id): row.pk for row in add_s}
        for commitment, orgs, _areas in m2m:
            for o_id, pk in current_s.get(commitment.pk, {}).items():
                if o_id in orgs:
                    self._through_rows[(commitment.pk, o_id)] = pk
        self._m2m_orgs = {commitment.pk: orgs for commitment, orgs, _a in m2m}

    def _record_commitment_history(self, commitments: list[Commitment], *, update: bool) -> None:
        """History rows, then the supporting organisations each one had (simple-history's bulk
        helpers leave the m2m snapshot out, so it is written here)."""
        if not commitments:
            return
        history = Commitment.history.bulk_history_create(
            commitments, update=update, default_change_reason=self.reason
        )
        m2m_model = apps.get_model("commitments", "HistoricalCommitment_supporting_organizations")
        m2m_model.objects.bulk_create(
            m2m_model(
                history_id=h.pk,
                id=self._through_rows[(c.pk, o_id)],
                commitment_id=c.pk,
                organization_id=o_id,
            )
            for h, c in zip(history, commitments, strict=True)
            for o_id in sorted(self._m2m_orgs[c.pk])
        )

    def _write_assessments(self) -> list[int]:
        commitment_ids = [state["commitment"].pk for _r, state in self._batch]
        existing = {
            (a.report_id, a.commitment_id): a
            for a in Assessment.objects.filter(commitment_id__in=commitment_ids)
        }
        new, changed, touched = [], [], set()
        now = timezone.now()
        for record, state in self._batch:
            commitment = state["commitment"]
            for report, parsed in state["reports"]:
                wanted = {**ASSESSMENT_DEFAULTS, **parsed.values}
                probe = Assessment(**wanted, source_stars=parsed.source_stars)
                apply_stars(probe, report.methodology)
                wanted.update(
                    starred=probe.starred,
                    star_formula=probe.star_formula,
                    formula_stars=probe.formula_stars,
                    source_stars=parsed.source_stars,
                    source_file=self.source_file,
                    source_row=record.row,
                )
                assessment = existing.get((report.pk, commitment.pk))
                if assessment is not None and state["identity"].enrich_only:
                    # The file with OGP's own ids gave this one: it wins, in either order.
                    self.summary.add("assessments", "unchanged")
                    continue
                if assessment is None:
                    new.append(Assessment(report=report, commitment=commitment, **wanted))
                    touched.add(commitment.pk)
                    continue
                diff = _changed(assessment, wanted, ASSESSMENT_FIELDS)
                if diff:
                    self.summary.changed(
                        "assessments",
                        f"{commitment.ogp_id} · {report.get_kind_display()}",
                        [f for f in diff if f not in PROVENANCE],
                    )
                    for f in diff:
                        setattr(assessment, f, wanted[f])
                    assessment.version += 1
                    assessment.updated_at = now
                    changed.append(assessment)
                    touched.add(commitment.pk)
                else:
                    self.summary.add("assessments", "unchanged")
        if new:
            bulk_create_with_history(new, Assessment, default_change_reason=self.reason)
        if changed:
            bulk_update_with_history(
                changed,
                Assessment,
                [*ASSESSMENT_FIELDS, "version", "updated_at"],
                default_change_reason=self.reason,
            )
        self.summary.add("assessments", "created", len(new))
        self.summary.add("assessments", "updated", len(changed))
        return sorted(touched)

    # --- End ----------------------------------------------------------------------------------------

    def finish(self) -> Summary:
        """Write what is left, settle each report's publication year, and count the rest."""
        self.settle()
        self.flush()
        if self._changed_plans:
            plans = list(self._changed_plans.values())
            for plan in plans:
                plan.version += 1
            bulk_update_with_history(
                plans,
                ActionPlan,
                ["submission_year", "end_year", "version", "updated_at"],
                default_change_reason=self.reason,
            )
        changed: list[IRMReport] = []
        for report in self.reports.values():
            if id(report) not in self._years and report.pk not in self._created_reports:
                continue  # a report this file does not touch
            wanted = {
                "publication_year": _most_common(self._years.get(id(report))),
                "state": IRMReport.State.PUBLISHED,
            }
            diff = [f for f, v in wanted.items() if getattr(report, f) != v]
            if diff:
                for f in diff:
                    setattr(report, f, wanted[f])
                report.version += 1
                report.updated_at = timezone.now()
                changed.append(report)
            if report.pk not in self._created_reports:
                self.summary.add("IRM reports", "updated" if diff else "unchanged")
        if changed:
            bulk_update_with_history(
                changed,
                IRMReport,
                ["publication_year", "state", "version", "updated_at"],
                default_change_reason=self.reason,
            )
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
            self.summary.warn(_("organisation name longer than 300 characters, shortened"), row)
        return self.summary


# Where a row came from: updated with a real change, never a change by itself (a subset file, or the
# same rows in another file, changes nothing).
PROVENANCE = frozenset({"source_file", "source_row"})


def _changed(obj, wanted: dict, fields) -> list[str]:
    diff = [f for f in fields if getattr(obj, f) != wanted[f]]
    return diff if set(diff) - PROVENANCE else []


def _most_common(years: Counter[int] | None) -> int | None:
    if not years:
        return None
    return max(years.items(), key=lambda item: (item[1], item[0]))[0]
