"""The records a commitment row hangs from: members, action plans, policy areas and IRM reports.

Each is read once per file into a look-up map by key, made in memory when a row names a new one, and
created in bulk before the rows that point at it (`create`); at the end of the file the plans' years
and the reports' publication years and states are settled (`finish`)."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commitments.models import ActionPlan, Member, Organization, PolicyArea
from reviews.models import IRMReport

from .common import ImportRowError, fit
from .organizations import OrganizationIndex
from .records import AssessmentRecord, CommitmentRecord, MemberSpec
from .summary import Summary


class Parents:
    def __init__(self, *, summary: Summary, orgs: OrganizationIndex, reason: str) -> None:
        self.summary, self.orgs, self.reason = summary, orgs, reason
        self.members = {m.code: m for m in Member.objects.all()}
        self.prefixes = {m.commitment_prefix: m.code for m in self.members.values()}
        self.plans = {p.ogp_id: p for p in ActionPlan.objects.select_related("member")}
        self.areas = {a.slug: a for a in PolicyArea.objects.all()}
        self.reports = {
            (r.action_plan_id, r.kind): r for r in IRMReport.objects.all().order_by("pk")
        }
        self._seen: dict[str, set[str]] = {"members": set(), "plans": set(), "areas": set()}
        # Member code -> the prefix its first row with an OGP id gave, and that row.
        self._id_prefixes: dict[str, tuple[str, int]] = {}
        self._new_members: list[Member] = []
        self._changed_members: list[Member] = []
        self._new_plans: list[ActionPlan] = []
        self._new_areas: list[PolicyArea] = []
        self._new_reports: list[IRMReport] = []
        self._created_reports: set[int] = set()
        self._years: dict[int, Counter[int]] = defaultdict(Counter)  # id(report) -> years
        self._plan_facts_seen: dict[str, set[str]] = {}
        # Plans already there that this file names: updated or unchanged is known only at the end.
        self._kept_plans: list[str] = []
        self._changed_plans: dict[str, ActionPlan] = {}
        self._changed_plan_fields: dict[str, list[str]] = defaultdict(list)

    # --- Rows ---------------------------------------------------------------------------------------

    def member(self, spec: MemberSpec, row: int) -> Member:
        member = self.members.get(spec.code)
        if member is None:
            country = self.member(spec.country, row) if spec.country else None
            self._check_prefix_free(spec, row)
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
            self._check_prefix_free(spec, row)
            del self.prefixes[member.commitment_prefix]
            member.commitment_prefix = spec.prefix
            member.updated_at = timezone.now()
            self.prefixes[spec.prefix] = spec.code
            self._changed_members.append(member)
            self.summary.changed("members", spec.code, ["commitment_prefix"])
            self.summary.add("members", "updated")
        elif spec.code not in self._seen["members"] and member.pk is not None:
            self.summary.add("members", "unchanged")
        if spec.kind == Member.Kind.OTHER and member.kind != Member.Kind.OTHER:
            # A level read as "other" (neither national nor local) never re-kinds a known member;
            # the member is counted and its prefix kept as for any other row.
            self.summary.warn(
                _("member %(code)s is already recorded as %(kind)s: the row is filed under it")
                % {"code": spec.code, "kind": Member.Kind(member.kind).label},
                row,
            )
        if spec.prefix_from_ids:
            prefix, first = self._id_prefixes.setdefault(spec.code, (spec.prefix, row))
            if prefix != spec.prefix:
                # The id is OGP's and kept; the member keeps the prefix its first id gave.
                self.summary.warn(
                    _(
                        "member %(code)s's ids start with %(prefix)s on row %(row)d, this one "
                        "with %(other)s: kept as written"
                    )
                    % {"code": spec.code, "prefix": prefix, "row": first, "other": spec.prefix},
                    row,
                )
        self._seen["members"].add(spec.code)
        return member

    def _check_prefix_free(self, spec: MemberSpec, row: int) -> None:
        taken_by = self.prefixes.get(spec.prefix)
        if taken_by:
            raise ImportRowError(
                _("commitment prefix %(prefix)s of %(name)s is already used by member %(code)s")
                % {"prefix": spec.prefix, "name": spec.name, "code": taken_by},
                row=row,
            )

    def plan(self, member: Member, record: CommitmentRecord) -> ActionPlan:
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
                self._kept_plans.append(plan.ogp_id)
        self._seen["plans"].add(plan.ogp_id)
        return plan

    def plan_facts(self, plan: ActionPlan, record: CommitmentRecord) -> None:
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
                    self._changed_plan_fields[plan.ogp_id].append(name)

    def area(self, name: str) -> PolicyArea:
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

    def report(self, plan: ActionPlan, record: AssessmentRecord) -> IRMReport:
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

    def create(self) -> None:
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

    # --- End ----------------------------------------------------------------------------------------

    def finish(self) -> list[IRMReport]:
        """Write the plans' changed years and settle each report's publication year and state; the
        reports changed."""
        for ogp_id in self._kept_plans:
            fields = self._changed_plan_fields.get(ogp_id)
            if fields:
                self.summary.changed("action plans", ogp_id, fields)
            self.summary.add("action plans", "updated" if fields else "unchanged")
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
        return changed


def _most_common(years: Counter[int] | None) -> int | None:
    if not years:
        return None
    return max(years.items(), key=lambda item: (item[1], item[0]))[0]
