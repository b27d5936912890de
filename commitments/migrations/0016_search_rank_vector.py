"""Site search on PostgreSQL: a small stored tsvector of each commitment's id and titles
(`search_rank_vector`) that results are ranked on, cheap to read for thousands of rows. Nothing on
SQLite: see commitments/search/sql.py."""

from django.db import migrations

from commitments.search.sql import rank_column, run_on_postgresql

ADD, DROP = rank_column(
    "commitments_commitment", [("A", ["ogp_id", "number", "title", "short_title"])]
)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0015_asof_irm_level_report"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(DROP)),
    ]
