"""Site search on PostgreSQL: unaccent and pg_trgm, the ogp_es / ogp_en text-search configurations
(Spanish and English stems, accents ignored), and a stored search_vector (plus a folded text for
typos) on commitments, milestones, plans, organisations and their alternative names, each with a
GIN index. Nothing on SQLite: see commitments/search/sql.py."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from commitments.search.sql import (
    SETUP,
    TEARDOWN,
    folded_column,
    kept_on_reverse,
    run_on_postgresql,
    vector_column,
)

COLUMNS = [
    vector_column(
        "commitments_commitment",
        [("A", ["ogp_id", "number", "title", "short_title"]), ("C", ["full_text"])],
    ),
    folded_column("commitments_commitment", "ogp_id", "title", "short_title"),
    vector_column("commitments_milestone", [("B", ["title"])]),
    vector_column("commitments_actionplan", [("A", ["ogp_id", "title"])]),
    vector_column("commitments_organization", [("A", ["name", "acronym"])]),
    folded_column("commitments_organization", "name", "acronym"),
    vector_column("commitments_organizationalias", [("A", ["name"])]),
]
# Substring matches (ids typed in part, a word's start) on the accent-free search_text.
SUBSTRING_INDEX = (
    "CREATE INDEX commitments_commitment_search_text_trgm_idx ON commitments_commitment "
    "USING gin (search_text gin_trgm_ops);",
    "DROP INDEX IF EXISTS commitments_commitment_search_text_trgm_idx;",
)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0011_outcome_checks"),
    ]

    operations = [
        # No-ops on other databases (Django checks the vendor); kept when reversed.
        kept_on_reverse(UnaccentExtension()),
        kept_on_reverse(TrigramExtension()),
        migrations.RunPython(run_on_postgresql(SETUP), run_on_postgresql(TEARDOWN)),
        *(
            migrations.RunPython(run_on_postgresql(add), run_on_postgresql(drop))
            for add, drop in [*COLUMNS, SUBSTRING_INDEX]
        ),
    ]
