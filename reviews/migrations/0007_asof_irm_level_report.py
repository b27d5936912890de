"""Fill the new cached columns that say which report a commitment's cached IRM level comes from
(kind, publication date, publication year), by the same latest-report order as
reviews.models.LATEST_REPORT_ORDERING (and reviews.services.refresh_irm_summary)."""

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


def fill(apps, schema_editor):
    Assessment = apps.get_model("reviews", "Assessment")
    Commitment = apps.get_model("commitments", "Commitment")
    rated = Assessment.objects.filter(report__state="published").exclude(completion="")
    latest = (
        rated.filter(commitment=OuterRef("pk"))
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
    Commitment.objects.filter(pk__in=rated.values("commitment_id")).update(
        irm_report_kind=Coalesce(Subquery(latest.values("report__kind")[:1]), Value("")),
        irm_report_published_on=Subquery(latest.values("report__published_on")[:1]),
        irm_report_year=Subquery(latest.values("report__publication_year")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_asof_refresh_irm_level_year_only_order"),
        ("commitments", "0015_asof_irm_level_report"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
