"""Site-search benchmark: p50 / p95 of search queries at 20,000 commitments on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench .venv/bin/python bench/search_bench.py
    .venv/bin/python bench/search_bench.py --skip-seed        # reuse the seeded database

1. Seeds the database with bench/seed.py (100 members, 600 plans, 2,000 organisations, 20,000
   commitments, ...; the database is EMPTIED and refilled), then gives the rows varied Spanish and
   English text (titles, full texts of about 120 words, three milestones per commitment, institution
   names, IRM narratives) drawn deterministically from a vocabulary, so that words are common,
   rare or absent as in real data, refreshes search_text as the app keeps it, and rebuilds the
   word list typos are corrected to (as the nightly task does).
2. Times, in this process through the ORM (no HTTP), for each query of QUERIES, ROUNDS times:
   - "commitments": what the results list runs: Commitment.objects.search(q), ranked, its count
     and its first page of 20 rows with their plan, member and lead organisation (faceted.page_of:
     the ranked ids, up to 1,001 of them, with the number found, then those rows);
   - "page": everything /search/ runs for q: that, the excerpts, the facet counts, and the
     organisations, plans and IRM findings (commitment_results + ogptracker.search.others, no
     template);
     timed twice: with the cache emptied before each search (the facet counts computed, as on the
     first view of a search) and without (the facet counts of the same search reused for a
     minute, as on its next pages).
3. Prints p50 and p95 (ms) of each, over all queries, and per query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from commitments.search.sql import REFRESH_WORD_LIST  # noqa: E402

ROUNDS = 20
TARGET_P95_MS = 50
# What people type: common and rare words, accents or not, stems, ids, typos, phrases.
QUERIES = [
    "transparencia",
    "información",
    "informacion",
    "compromisos",
    "presupuesto participativo",
    "datos abiertos",
    "open data",
    "procurement",
    "contraloria",
    "transparecnia",
    "informacoin publica",
    "AAA0008",
    "AP_MAAB01",
    '"portal de transparencia"',
    "municipalidades rurales",
    "xylophone",
]
WORDS_ES = [
    "transparencia",
    "información",
    "pública",
    "acceso",
    "datos",
    "abiertos",
    "presupuesto",
    "participativo",
    "contrataciones",
    "compras",
    "estatales",
    "gobierno",
    "municipal",
    "regional",
    "rendición",
    "cuentas",
    "integridad",
    "anticorrupción",
    "ciudadanía",
    "participación",
    "consulta",
    "portal",
    "plataforma",
    "digital",
    "salud",
    "educación",
    "justicia",
    "ambiente",
    "agua",
    "minería",
    "industrias",
    "extractivas",
    "seguridad",
    "policía",
    "obras",
    "infraestructura",
    "declaraciones",
    "juradas",
    "funcionarios",
    "conflictos",
    "intereses",
    "lobby",
    "registro",
    "beneficiarios",
    "finales",
    "contraloría",
    "defensoría",
    "congreso",
    "poder",
    "judicial",
    "municipalidades",
    "rurales",
    "indígenas",
    "mujeres",
    "jóvenes",
    "evaluación",
    "monitoreo",
    "indicadores",
    "capacitación",
    "normativa",
    "reglamento",
    "ley",
    "decreto",
]
WORDS_EN = [
    "open",
    "data",
    "transparency",
    "access",
    "information",
    "budget",
    "procurement",
    "contracts",
    "accountability",
    "integrity",
    "anti-corruption",
    "citizens",
    "participation",
    "consultation",
    "portal",
    "platform",
    "digital",
    "health",
    "education",
    "justice",
    "environment",
    "water",
    "mining",
    "extractive",
    "security",
    "police",
    "infrastructure",
    "beneficial",
    "ownership",
    "register",
    "lobbying",
    "officials",
    "conflicts",
    "interest",
    "parliament",
    "courts",
    "municipalities",
    "rural",
    "indigenous",
    "women",
    "youth",
    "evaluation",
    "monitoring",
    "indicators",
    "training",
    "law",
]
INSTITUTIONS = (
    "Ministerio de Economía y Finanzas",
    "Contraloría General de la República",
    "Defensoría del Pueblo",
    "Secretaría de Gestión Pública",
    "Ministerio de Salud",
    "Ministry of Justice",
    "Cabinet Office",
    "Oficina Nacional de Gobierno Electrónico",
    "Autoridad Nacional de Transparencia",
    "Ministerio del Ambiente",
)


def sql_words(words: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def enrich(dsn: str) -> None:
    """Varied text in place of the seeder's repeated sentences, and milestones."""
    import psycopg2

    es, en = sql_words(WORDS_ES), sql_words(WORDS_EN)
    ne, nn = len(WORDS_ES), len(WORDS_EN)

    def phrase(seed_sql: str, count: int, *, english_every: int = 4) -> str:
        # `count` words chosen by a hash of the row: Spanish, with one row in `english_every` English.
        # Five words in six are drawn from 20,000 made-up terms, so that a theme word is in a
        # fraction of the rows, as in real plans (not in nearly every one).
        return (
            f"(SELECT string_agg(CASE WHEN abs(hashint4((({seed_sql}) * 17 + k)::int)) % 6 <> 0 "
            f"THEN 'termino' || abs(hashint4((({seed_sql}) * 7 + k)::int)) % 20000 "
            f"WHEN ({seed_sql}) % {english_every} = 0 "
            f"THEN ({en})[1 + abs(hashint4((({seed_sql}) * 31 + k)::int)) % {nn}] "
            f"ELSE ({es})[1 + abs(hashint4((({seed_sql}) * 31 + k)::int)) % {ne}] END, ' ') "
            f"FROM generate_series(1, {count}) AS k)"
        )

    started = time.monotonic()
    connection = psycopg2.connect(dsn)
    with connection, connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE commitments_commitment SET
                  title = initcap({phrase("id", 8)}),
                  short_title = initcap({phrase("id + 7", 4)}),
                  full_text = {phrase("id + 13", 120)}"""
        )
        cursor.execute(
            "UPDATE commitments_commitment SET search_text = regexp_replace(ogp_fold("
            "ogp_id || ' ' || number || ' ' || title || ' ' || short_title || ' ' || full_text"
            "), '\\s+', ' ', 'g')"
        )
        cursor.execute("TRUNCATE commitments_milestone RESTART IDENTITY CASCADE")
        cursor.execute(
            f"""INSERT INTO commitments_milestone
                    (commitment_id, title, due_date, status, is_overdue, version, updated_at)
                SELECT c.id, initcap({phrase("c.id * 3 + m", 7)}),
                       date '2013-01-01' + ((c.id + m) % 900)::int, 'scheduled', false, 1, now()
                FROM commitments_commitment c, generate_series(1, 3) AS m"""
        )
        institutions = sql_words(list(INSTITUTIONS))
        cursor.execute(
            f"""UPDATE commitments_organization SET
                  name = ({institutions})[1 + id % {len(INSTITUTIONS)}] || ' ' || id,
                  normalized_name = ogp_fold(({institutions})[1 + id % {len(INSTITUTIONS)}])
                      || ' ' || id"""
        )
        cursor.execute(f"UPDATE reviews_assessment SET narrative = {phrase('id + 101', 60)}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_WORD_LIST)  # the words typos are corrected to, as the night's task
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    print(f"Gave the rows varied text and 3 milestones each in {time.monotonic() - started:.1f} s.")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(rounds: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory

    from commitments.models import Commitment
    from commitments.search.faceted import commitment_results, page_of
    from ogptracker.search import others

    factory = RequestFactory()

    def commitments(q: str) -> None:
        rows = Commitment.objects.search(q).for_list().order_by("-search_rank", "ogp_id")
        page_of(rows, 20, "1")

    def page(q: str) -> None:
        results = commitment_results(factory.get("/search/", {"q": q}))
        others(q)
        assert results.page is not None

    print(f"Database: {connection.vendor}, {Commitment.objects.count():,} commitments")
    runs = (
        ("commitments", commitments, False),
        ("page, facet counts not cached (first view of a search)", page, True),
        (
            "page, facet counts cached (next pages, the same search again within a minute)",
            page,
            False,
        ),
    )
    for name, run, cold in runs:
        for q in QUERIES:  # warm up: plans cached, pages in memory
            run(q)
        per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
        for _round in range(rounds):
            for q in QUERIES:
                if cold:
                    cache.clear()
                start = time.perf_counter()
                run(q)
                per_query[q].append((time.perf_counter() - start) * 1000)
        every = [ms for samples in per_query.values() for ms in samples]
        if not every:
            continue
        p95 = percentile(every, 95)
        verdict = "meets" if p95 < TARGET_P95_MS else "misses"
        load = " ".join(f"{n:.2f}" for n in os.getloadavg())
        print(
            f"\n{name}: {len(every)} searches, p50 {statistics.median(every):.1f} ms, "
            f"p95 {p95:.1f} ms ({verdict} the {TARGET_P95_MS} ms target; load average {load})"
        )
        found = {q: Commitment.objects.search(q).count() for q in QUERIES}
        for q, samples in per_query.items():
            print(
                f"  {q!r:32} {found[q]:>6} found  p50 {statistics.median(samples):6.1f} ms"
                f"  p95 {percentile(samples, 95):6.1f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    seed.add_size_arguments(parser)
    parser.add_argument("--skip-seed", action="store_true", help="Reuse the seeded database.")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    dsn = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ogp_bench")
    if not dsn.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at PostgreSQL.")
    os.environ["DATABASE_URL"] = dsn
    if not args.skip_seed:
        seed.seed(dsn, **seed.sizes(args))
        enrich(dsn)
    measure(args.rounds)


if __name__ == "__main__":
    main()
