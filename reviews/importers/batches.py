"""One batch of identified rows written: the commitments created or updated (compared with what is
there first, with history, their organisations and policy areas synchronised), their source rows
kept, then their IRM assessments."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commitments.audit import kept_links
from commitments.models import (
    Commitment,
    CommitmentFormerId,
    SourceRecord,
)
from reviews.models import Assessment
from reviews.stars import apply_stars

from .common import ImportRowError
from .records import ASSESSMENT_DEFAULTS, ASSESSMENT_FIELDS, COMMITMENT_FIELDS, CommitmentRecord
from .summary import Summary

SEARCHED_TEXT = ("number", "title", "short_title", "full_text")


class BatchWrite:
    def __init__(
        self,
        batch: list[tuple[CommitmentRecord, dict[str, object]]],
        *,
        summary: Summary,
        source_file: str,
        sha256: str,
        file_format: str,
        reason: str,
    ) -> None:
        self._batch = batch
        self.summary = summary
        self.source_file, self.sha256, self.file_format = source_file, sha256, file_format
        self.reason = reason

    def write(self) -> list[int]:
        """Create and update the batch's commitments, their organisations, areas and assessments,
        with history; the ids of the commitments whose IRM data changed."""
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
                    # Links or an id changing alone are a real change too: the row is this file's.
                    for f in {*diff, *PROVENANCE}:
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
        self._record_commitment_history(new, changed)
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

    def _record_commitment_history(self, new: list[Commitment], changed: list[Commitment]) -> None:
        """History records, then the links each one had (every m2m field the history keeps:
        simple-history's bulk helpers leave that snapshot out, so it is written here, one read and
        one insert per kind of link, whatever the number of commitments)."""
        history: dict[int, int] = {}  # commitment -> its new history record
        for commitments, update in ((new, False), (changed, True)):
            if commitments:
                records = Commitment.history.bulk_history_create(
                    commitments, update=update, default_change_reason=self.reason
                )
                history.update((record.id, record.pk) for record in records)
        if not history:
            return
        for links in kept_links(Commitment):
            source, target = f"{links.source}_id", f"{links.target}_id"
            through = Commitment._meta.get_field(links.name).remote_field.through
            rows = (
                through.objects.filter(**{f"{source}__in": list(history)})
                .order_by("pk")
                .values_list("pk", source, target)
            )
            links.model.objects.bulk_create(
                links.model(history_id=history[c_id], id=pk, **{source: c_id, target: t_id})
                for pk, c_id, t_id in rows
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


# Where a row came from: updated with a real change, never a change by itself (a subset file, or the
# same rows in another file, changes nothing).
PROVENANCE = frozenset({"source_file", "source_row"})


def _changed(obj, wanted: dict, fields) -> list[str]:
    diff = [f for f in fields if getattr(obj, f) != wanted[f]]
    return diff if set(diff) - PROVENANCE else []
