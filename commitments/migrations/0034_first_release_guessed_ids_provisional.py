"""Ids the first release guessed are provisional, as today's importer makes them.

The first release (3 December 2026) numbered the commitments of a file without OGP ids (the 2017
IRM Explorer) in file order, the member's prefix and a running count (AL0001...), and served the
guess as their OGP id. Today's importer gives such rows a provisional id (AL-P0001, `id_provisional`)
and a source key, and matches a file with OGP's own ids to them by title; an id not marked
provisional is OGP's and is trusted as identity. Left as they were, the guesses would be taken for
OGP's ids: importing OGP's current sheet would write its AL0001 over whichever commitment the guess
called AL0001 (the Explorer lists Albania's commitments 10, 22, 8... in that order).

A file is known to have had no ids when every commitment it wrote (its history names it:
"import_ogp_irm FILE") carried, at that first write, the id the first release's rule gives: the
member's prefix and the row's place among that member's rows of the file. Each commitment such a
file created, and no file with ids wrote since, gets the provisional form of its id (AL0001 ->
AL-P0001: the same number, so the same id today's importer gives the same row), keeps the old one
as a former id (its address redirects), gets its source key, and a history record by the system.
Commitments made by hand or by `load_demo` keep their ids (the demo's PE0001-PE0048 are OGP's), and
so does a commitment whose kept source rows carry OGP's id column (a sheet with OGP's own ids,
imported by a later version, whose ids may run in file order too: PE0001, PE0002...).
"""

import re
from collections import defaultdict

from django.db import migrations
from django.utils import timezone

REASON = "import_ogp_irm "
GUESSED = re.compile(r"^([A-Z]{2,6})([0-9]{4})$")
HISTORY_LINKS = (
    ("co_lead_organizations", "organization"),
    ("supporting_organizations", "organization"),
    ("policy_areas", "policyarea"),
)
# OGP's own id column: a source row that has it came from a file with OGP's ids (kept rows hold
# only their non-empty cells).
OGP_ID_COLUMN = "Commitment Unique Identifier"
CHANGE_REASON = "first release's guessed id made provisional (migration commitments 0034)"


def number_key(number):
    """As reviews.importers.identity.number_key: spaces folded, case ignored."""
    return " ".join(str(number or "").split()).casefold()


def first_writes(Historical):
    """file -> {commitment id: the first history record that file wrote of it}."""
    files = defaultdict(dict)
    for record in (
        Historical.objects.filter(history_change_reason__startswith=REASON)
        .order_by("history_date", "history_id")
        .values(
            "id",
            "ogp_id",
            "source_row",
            "action_plan_id",
            "number",
            "history_type",
            "history_change_reason",
        )
        .iterator(chunk_size=2000)
    ):
        files[record["history_change_reason"].removeprefix(REASON)].setdefault(record["id"], record)
    return files


def numbered_in_file_order(writes):
    """Whether each id is the member's prefix and the row's place among the member's rows."""
    by_prefix = defaultdict(list)
    for record in writes.values():
        match = GUESSED.match(record["ogp_id"] or "")
        if match is None or record["source_row"] is None:
            return False
        by_prefix[match[1]].append((record["source_row"], int(match[2])))
    return all(
        [number for _row, number in sorted(rows)] == list(range(1, len(rows) + 1))
        for rows in by_prefix.values()
    )


def make_provisional(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    Historical = apps.get_model("commitments", "HistoricalCommitment")
    FormerId = apps.get_model("commitments", "CommitmentFormerId")
    ActionPlan = apps.get_model("commitments", "ActionPlan")
    files = first_writes(Historical)
    guessed = {name: writes for name, writes in files.items() if numbered_in_file_order(writes)}
    with_ids = set(files) - set(guessed)
    # Written since by a file with ids: that file's ids hold the commitment (as today's importer).
    claimed = set(
        Historical.objects.filter(
            history_change_reason__in=[REASON + name for name in with_ids]
        ).values_list("id", flat=True)
    )
    plans = {
        plan.pk: (plan.member.code, plan.number)
        for plan in ActionPlan.objects.select_related("member")
    }
    renamed = {}  # commitment id -> (old id, new id, source key)
    for writes in guessed.values():
        occurrences = defaultdict(int)
        for record in sorted(writes.values(), key=lambda r: r["source_row"]):
            code, plan_number = plans.get(record["action_plan_id"], ("", ""))
            number = number_key(record["number"])
            occurrences[(record["action_plan_id"], number)] += 1
            if record["history_type"] != "+" or record["id"] in claimed:
                continue
            prefix, digits = GUESSED.match(record["ogp_id"]).groups()
            key = f"{code}|{plan_number}|{number}|{occurrences[(record['action_plan_id'], number)]}"
            renamed[record["id"]] = (record["ogp_id"], f"{prefix}-P{digits}", key)
    SourceRecord = apps.get_model("commitments", "SourceRecord")
    for commitment_id in SourceRecord.objects.filter(
        commitment_id__in=renamed, cells__has_key=OGP_ID_COLUMN
    ).values_list("commitment_id", flat=True):
        renamed.pop(commitment_id, None)
    if not renamed:
        return
    now = timezone.now()
    commitments = list(Commitment.objects.filter(pk__in=renamed))
    changed = []
    for commitment in commitments:
        old, new, key = renamed[commitment.pk]
        if commitment.ogp_id != old:
            continue  # renamed by hand since: a person chose that id
        commitment.ogp_id, commitment.id_provisional, commitment.source_key = new, True, key
        if commitment.search_text.startswith(old.lower()):
            commitment.search_text = new.lower() + commitment.search_text[len(old) :]
        commitment.version += 1
        commitment.updated_at = now
        changed.append(commitment)
    Commitment.objects.bulk_update(
        changed,
        ["ogp_id", "id_provisional", "source_key", "search_text", "version", "updated_at"],
        batch_size=500,
    )
    FormerId.objects.bulk_create(
        [FormerId(ogp_id=renamed[c.pk][0], commitment=c, replaced_at=now) for c in changed],
        batch_size=1000,
    )
    record_history(apps, changed, now)


def record_history(apps, changed, now):
    """A history record per renamed commitment, with the links it keeps (as every record has)."""
    Commitment = apps.get_model("commitments", "Commitment")
    Historical = apps.get_model("commitments", "HistoricalCommitment")
    fields = [f.attname for f in Commitment._meta.concrete_fields]
    records = Historical.objects.bulk_create(
        [
            Historical(
                **{name: getattr(c, name) for name in fields},
                history_date=now,
                history_type="~",
                history_change_reason=CHANGE_REASON,
                history_user=None,
            )
            for c in changed
        ],
        batch_size=500,
    )
    if not records or records[0].history_id is None:
        # Databases that do not return ids from a bulk insert: read them back.
        ids = dict(
            Historical.objects.filter(
                history_change_reason=CHANGE_REASON, history_date=now
            ).values_list("id", "history_id")
        )
    else:
        ids = {r.id: r.history_id for r in records}
    for field, target in HISTORY_LINKS:
        through = getattr(Commitment, field).through
        Kept = apps.get_model("commitments", f"HistoricalCommitment_{field}")
        Kept.objects.bulk_create(
            [
                Kept(
                    history_id=ids[commitment_id],
                    id=pk,
                    commitment_id=commitment_id,
                    **{f"{target}_id": target_id},
                )
                for pk, commitment_id, target_id in through.objects.filter(
                    commitment_id__in=ids
                ).values_list("pk", "commitment_id", f"{target}_id")
            ],
            batch_size=1000,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0033_link_check_results_one_per_change"),
    ]

    operations = [migrations.RunPython(make_provisional, migrations.RunPython.noop)]
