"""Site search on PostgreSQL: few statistics of commitments' `search_folded`, so that planning a
typo search does not compare the words with a hundred titles (see search.sql.few_statistics).
Nothing on SQLite."""

from django.db import migrations

from commitments.search.sql import few_statistics, run_on_postgresql

ADD, DROP = few_statistics("commitments_commitment", "search_folded")


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0021_government_track"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(DROP)),
    ]
