"""Site search on PostgreSQL: a stored search_vector over each assessment's narrative, with a GIN
index. Nothing on SQLite: see commitments/search/sql.py."""

from django.db import migrations

from commitments.search.sql import run_on_postgresql, vector_column

ADD, DROP = vector_column("reviews_assessment", [("B", ["narrative"])])


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0012_search_full_text"),
        ("reviews", "0004_import_runs"),
    ]

    operations = [migrations.RunPython(run_on_postgresql(ADD), run_on_postgresql(DROP))]
