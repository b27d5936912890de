"""The milestones not met, by commitment and due date: a partial index that answers "has this
commitment an overdue milestone?" (Milestone.objects.overdue_on) from the index alone, for the
overdue facet of each search (one lookup per commitment found) and the `overdue` filter."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0024_search_word_list"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX commitments_milestone_unmet ON commitments_milestone "
            "(commitment_id, due_date) WHERE status <> 'met'",
            "DROP INDEX commitments_milestone_unmet",
        ),
    ]
