"""The dated completion cache goes: nothing read CompletionSnapshot or SnapshotRun back but their
read-only admin pages, and the figures of any day come from the dated records (commitments.figures).
Reversing recreates the empty tables; `recompute_snapshots` is gone, so they stay empty."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0025_milestone_unmet_index"),
    ]

    operations = [
        migrations.DeleteModel(name="CompletionSnapshot"),
        migrations.DeleteModel(name="SnapshotRun"),
    ]
