"""The cached IRM level follows the corrected latest-report order: a report known only by its year
counts from that year's last day, so it now comes after a report published earlier that year or in
an earlier year (it used to sort after every dated report). Only commitments rated by a year-only
report and another report can change; their cached level is recomputed with the same ordering as
reviews.models.LATEST_REPORT_ORDERING."""

from django.db import migrations
from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear

STAGES = {
    "design": 1,
    "action_plan_review": 1,
    "progress": 2,
    "implementation": 2,
    "end_of_term": 3,
    "results": 3,
}


def refresh(apps, schema_editor):
    Assessment = apps.get_model("reviews", "Assessment")
    Commitment = apps.get_model("commitments", "Commitment")
    mixed = (
        Assessment.objects.filter(report__published_on__isnull=True, report__state="published")
        .exclude(completion="")
        .values("commitment_id")
    )
    latest = (
        Assessment.objects.filter(report__state="published", commitment=OuterRef("pk"))
        .exclude(completion="")
        .alias(
            _stage=Case(
                *(When(report__kind=kind, then=Value(n)) for kind, n in STAGES.items()),
                default=Value(0),
                output_field=IntegerField(),
            ),
            _year=Coalesce(ExtractYear("report__published_on"), F("report__publication_year")),
        )
        .order_by(
            F("_year").desc(nulls_last=True),
            F("report__published_on").desc(nulls_first=True),
            F("_stage").desc(),
            F("pk").desc(),
        )
    )
    Commitment.objects.filter(pk__in=mixed).update(
        irm_completion=Coalesce(Subquery(latest.values("completion")[:1]), Value("")),
        irm_starred=Coalesce(Subquery(latest.values("starred")[:1]), Value(False)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_search_assessment_narratives"),
        ("commitments", "0014_asof_snapshot_run_full"),
    ]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
