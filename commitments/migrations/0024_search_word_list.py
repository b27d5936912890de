"""Site search on PostgreSQL: the word list typos are corrected to (search.sql.word_list), a
materialized view with a trigram index. Nothing on SQLite."""

from django.db import migrations

from commitments.search.sql import run_on_postgresql, word_list

# Typos are looked for in words of at least 4 characters (commitments.search.matching.TYPO_MIN_LENGTH).
ADD, DROP = word_list(min_length=4)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0023_civil_society_labels"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(DROP)),
    ]
