"""Each commitment's cached current status (civil society's and the government's) read again where a
status update was corrected: before this release a corrected update still counted when its (wrong)
as-of date was the later one. The same rule as `services.refresh_status` with `standing()`, written
here on the migration's own models."""

from django.db import migrations

CACHED = {
    "civil_society": ("self_reported_completion", "self_reported_as_of"),
    "government": ("government_completion", "government_as_of"),
}


def refresh_corrected(apps, schema_editor):
    StatusUpdate = apps.get_model("commitments", "StatusUpdate")
    Commitment = apps.get_model("commitments", "Commitment")
    corrected = StatusUpdate.objects.filter(corrects__isnull=False).values("corrects_id")
    touched = (
        StatusUpdate.objects.filter(pk__in=corrected)
        .values_list("commitment_id", "voice")
        .distinct()
    )
    for commitment_id, voice in touched:
        latest = (
            StatusUpdate.objects.filter(commitment_id=commitment_id, voice=voice)
            .exclude(pk__in=corrected)
            .order_by("-as_of", "-recorded_at", "-pk")
            .values("completion", "as_of")
            .first()
        )
        completion, as_of = CACHED[voice]
        Commitment.objects.filter(pk=commitment_id).update(
            **{
                completion: latest["completion"] if latest else "",
                as_of: latest["as_of"] if latest else None,
            }
        )


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0027_commitment_history_links"),
    ]

    operations = [migrations.RunPython(refresh_corrected, migrations.RunPython.noop)]
