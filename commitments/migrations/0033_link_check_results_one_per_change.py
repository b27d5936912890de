"""A link's check history keeps one row per change: each row says when it was last seen and how
many checks in a row saw it. Existing rows were each one check, last seen when checked."""

from django.db import migrations, models
from django.db.models import F


def last_seen_when_checked(apps, schema_editor):
    LinkCheckResult = apps.get_model("commitments", "LinkCheckResult")
    LinkCheckResult.objects.update(last_seen_at=F("checked_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0032_evidence_link_owner_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="linkcheckresult",
            name="checks",
            field=models.PositiveIntegerField(
                default=1, help_text="How many checks in a row saw this.", verbose_name="checks"
            ),
        ),
        migrations.AddField(
            model_name="linkcheckresult",
            name="last_seen_at",
            field=models.DateTimeField(
                null=True,
                help_text="The latest check that saw the same as this one.",
                verbose_name="last seen",
            ),
        ),
        migrations.RunPython(last_seen_when_checked, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="linkcheckresult",
            name="last_seen_at",
            field=models.DateTimeField(
                help_text="The latest check that saw the same as this one.",
                verbose_name="last seen",
            ),
        ),
        migrations.AddConstraint(
            model_name="linkcheckresult",
            constraint=models.CheckConstraint(
                condition=models.Q(("checks__gte", 1), ("last_seen_at__gte", F("checked_at"))),
                name="link_check_result_seen_after_first",
            ),
        ),
    ]
