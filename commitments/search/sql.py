"""The PostgreSQL side of site search, as SQL the migrations run (and nothing else does).

On PostgreSQL each searched table gets a `search_vector` column that the database itself computes
(a stored generated column), so every write path (forms, admin, API, importer, bulk SQL) keeps it
right without code. Django's models do not declare these columns: they exist on PostgreSQL only,
and commitments.search.matching reads them. On SQLite none of this exists and search falls back to the
accent-blind `search_text` (see commitments.search.matching).

A later migration that changes the type of a column named here must drop the generated column
first and add it again (PostgreSQL refuses to alter a column a generated column reads).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.migrations.operations.base import Operation

# Longer texts are cut before they are indexed: a tsvector holds at most 1 MB.
MAX_INDEXED = 100_000

SETUP = """
CREATE TEXT SEARCH CONFIGURATION ogp_es (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION ogp_es
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION ogp_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION ogp_en
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
-- Lower case without accents, declared immutable so generated columns and indexes may use it
-- (unaccent() itself is only stable because its dictionary could change).
CREATE FUNCTION ogp_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
"""

TEARDOWN = """
DROP FUNCTION IF EXISTS ogp_fold(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS ogp_en;
DROP TEXT SEARCH CONFIGURATION IF EXISTS ogp_es;
"""


def text_of(*columns: str) -> str:
    """The columns joined by spaces, empty ones skipped, cut to MAX_INDEXED."""
    joined = " || ' ' || ".join(f"coalesce({c}::text, '')" for c in columns)
    return f"left({joined}, {MAX_INDEXED})"


def vector_of(weighted: list[tuple[str, list[str]]]) -> str:
    """Both languages' stems of each group of columns, each group with its weight (A-D)."""
    parts = []
    for weight, columns in weighted:
        text = text_of(*columns)
        for config in ("ogp_es", "ogp_en"):
            parts.append(f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')")
    return " || ".join(parts)


def add_column(table: str, column: str, kind: str, expression: str, index: str) -> str:
    return (
        f"ALTER TABLE {table} ADD COLUMN {column} {kind} "
        f"GENERATED ALWAYS AS ({expression}) STORED;\n"
        f"CREATE INDEX {table}_{column}_idx ON {table} USING gin ({column} {index});\n"
    )


def drop_column(table: str, column: str) -> str:
    return f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column};\n"


def vector_column(table: str, weighted: list[tuple[str, list[str]]]) -> tuple[str, str]:
    return (
        add_column(table, "search_vector", "tsvector", vector_of(weighted), ""),
        drop_column(table, "search_vector"),
    )


def rank_column(table: str, weighted: list[tuple[str, list[str]]]) -> tuple[str, str]:
    """`search_rank_vector`: the stems of the short columns only (ids, titles), without an index.
    Results are ranked on it: it is small enough to stay in the row, where ranking on the whole
    search_vector reads a compressed, out-of-line value for every row found (5,000 rows for a
    common word cost 60-90 ms)."""
    return (
        f"ALTER TABLE {table} ADD COLUMN search_rank_vector tsvector "
        f"GENERATED ALWAYS AS ({vector_of(weighted)}) STORED;\n",
        drop_column(table, "search_rank_vector"),
    )


def folded_column(table: str, *columns: str) -> tuple[str, str]:
    """A short accent- and case-free text with a trigram index: what typos are matched against."""
    return (
        add_column(
            table, "search_folded", "text", f"ogp_fold({text_of(*columns)})", "gin_trgm_ops"
        ),
        drop_column(table, "search_folded"),
    )


def kept_on_reverse(extension: Operation) -> Operation:
    """A CREATE EXTENSION operation whose reverse leaves the extension installed. Django's reverse
    asks pg_extension on any database (an error on SQLite), and restoring a backup made by an older
    version migrates an empty database back past it (see ARCHITECTURE.md, backups); an unused
    extension harms nothing."""

    class Kept(type(extension)):
        def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
            return None

    return Kept()


def run_on_postgresql(sql: str) -> Callable:
    """A RunPython function that runs `sql` on PostgreSQL and does nothing elsewhere."""

    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def few_statistics(table: str, column: str) -> tuple[str, str]:
    """Keep few statistics of a column only typos are matched against (`search_folded`).

    pg_trgm estimates how many rows a typo matches by comparing the words with each of the
    column's ~100 most common values and histogram bounds (word_similarity on texts of ~150
    characters): 10-20 ms of planning per typo search at 20,000 commitments, for a query that
    then runs in a few. Under 100 histogram bounds it uses a fixed estimate instead, which
    leads to the same plan (the trigram index)."""
    return (
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 10;\n"
        f"ANALYZE {table} ({column});\n",
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS -1;\n",
    )


# The words typos are corrected to (commitments.search.matching.spelled): every word of the commitments'
# folded text (id, titles, full text) and of milestone titles, with the number of rows that have
# it. A materialized view with a trigram index: looking up the closest known word costs well under
# a millisecond, where comparing a typo with each title's text cost tens. Refreshed nightly
# (commitments.tasks.refresh_search_words): a word new since then is not corrected to yet.
WORD_LIST = "commitments_searchword"


def word_list(min_length: int) -> tuple[str, str]:
    """The word list's view and indexes (words of at least `min_length` characters)."""
    return (
        f"""CREATE MATERIALIZED VIEW {WORD_LIST} AS
SELECT word, ndoc FROM ts_stat($$
    SELECT to_tsvector('simple'::regconfig, search_text) FROM commitments_commitment
    UNION ALL
    SELECT to_tsvector('simple'::regconfig, ogp_fold(title)) FROM commitments_milestone
$$) WHERE length(word) >= {min_length};
CREATE UNIQUE INDEX {WORD_LIST}_word ON {WORD_LIST} (word);
CREATE INDEX {WORD_LIST}_trgm ON {WORD_LIST} USING gin (word gin_trgm_ops);
""",
        f"DROP MATERIALIZED VIEW IF EXISTS {WORD_LIST};\n",
    )


# CONCURRENTLY: searches keep reading the old list while the new one is built.
REFRESH_WORD_LIST = f"REFRESH MATERIALIZED VIEW CONCURRENTLY {WORD_LIST}"
