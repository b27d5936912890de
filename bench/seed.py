"""Fill a PostgreSQL database with a synthetic, OGP-shaped dataset, fast (INSERT ... SELECT over
generate_series: 200,000 status updates take seconds).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench .venv/bin/python bench/seed.py \
        --members 100 --plans 600 --commitments 20000 --status-updates 200000

It migrates the database, empties the app's tables and fills them: members, plans, organisations,
policy areas, commitments (lead organisation, 0-2 supporting ones, a policy area, OGP values,
cached IRM and self-reported levels), status updates, one published IRM progress report per plan
with assessments of about two thirds of the commitments. Columns it does not know (added later by
a migration) get a neutral value when they are NOT NULL without a default.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
LEVELS = (
    "ARRAY['complete','substantial','limited','not_started','no_evidence','withdrawn','unclear','']"
)
TABLES = (
    "auth_user",
    "commitments_member",
    "commitments_actionplan",
    "commitments_organization",
    "commitments_policyarea",
    "commitments_commitment",
    "commitments_commitment_supporting_organizations",
    "commitments_commitment_policy_areas",
    "commitments_statusupdate",
    "reviews_irmreport",
    "reviews_assessment",
)
NEUTRAL = {
    "character varying": "''",
    "text": "''",
    "boolean": "false",
    "integer": "0",
    "bigint": "0",
    "smallint": "0",
    "date": "current_date",
    "timestamp with time zone": "now()",
    "jsonb": "'{}'::jsonb",
    "json": "'{}'::json",
}


def required_columns(cursor, table: str) -> dict[str, str]:
    """NOT NULL columns without a default (and not identity): name -> neutral SQL value."""
    cursor.execute(
        """SELECT column_name, data_type FROM information_schema.columns
           WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL
             AND is_identity = 'NO'""",
        [table],
    )
    return {name: NEUTRAL.get(kind, "''") for name, kind in cursor.fetchall()}


def insert(cursor, table: str, columns: dict[str, str], source: str) -> int:
    """INSERT INTO table (columns) SELECT <expressions> <source>, filling unknown NOT NULLs."""
    values = dict(columns)
    for name, neutral in required_columns(cursor, table).items():
        values.setdefault(name, neutral)
    names = ", ".join(values)
    expressions = ", ".join(values.values())
    cursor.execute(f"INSERT INTO {table} ({names}) SELECT {expressions} {source}")
    return cursor.rowcount


def seed(
    dsn: str,
    *,
    members: int,
    plans: int,
    organizations: int,
    commitments: int,
    status_updates: int,
) -> None:
    started = time.monotonic()
    env = {**os.environ, "DATABASE_URL": dsn}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    connection = psycopg2.connect(dsn)
    connection.autocommit = False
    with connection, connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        insert(
            cursor,
            "auth_user",
            {
                "id": "1",
                "username": "'bench'",
                "password": "'!'",
                "is_active": "true",
                "date_joined": "now()",
            },
            "",
        )
        # Three capital letters per member (AAA, AAB, ...) for codes and commitment prefixes.
        letters = "chr(65 + (i / 676) % 26) || chr(65 + (i / 26) % 26) || chr(65 + i % 26)"
        insert(
            cursor,
            "commitments_member",
            {
                "id": "i + 1",
                "code": f"'M' || {letters}",
                "commitment_prefix": letters,
                "name": "'Member ' || i",
                "kind": "'national'",
                "updated_at": "now()",
            },
            f"FROM generate_series(0, {members - 1}) AS i",
        )
        insert(
            cursor,
            "commitments_actionplan",
            {
                "id": "i + 1",
                "member_id": f"i % {members} + 1",
                "number": f"i / {members} + 1",
                "ogp_id": f"'AP_M' || {letters.replace('i', f'(i % {members})')} "
                f"|| lpad((i / {members} + 1)::text, 2, '0')",
                "title": "'Action plan ' || i",
                "start_date": "date '2012-01-01' + (i % 10) * 365",
                "end_date": "date '2014-01-01' + (i % 10) * 365",
                "status": "'ended'",
                "version": "1",
                "updated_at": "now()",
            },
            f"FROM generate_series(0, {plans - 1}) AS i",
        )
        insert(
            cursor,
            "commitments_organization",
            {
                "id": "i + 1",
                "name": "'Organisation ' || i",
                "normalized_name": "'organisation ' || i",
                "slug": "'organisation-' || i",
                "kind": "'government'",
                "member_id": f"i % {members} + 1",
                "version": "1",
                "updated_at": "now()",
            },
            f"FROM generate_series(0, {organizations - 1}) AS i",
        )
        insert(
            cursor,
            "commitments_policyarea",
            {"id": "i + 1", "slug": "'area-' || i", "name": "'Policy area ' || i"},
            "FROM generate_series(0, 19) AS i",
        )
        # Commitment i belongs to plan i % plans; its id within the member is its rank there.
        insert(
            cursor,
            "commitments_commitment",
            {
                "id": "c.i + 1",
                "ogp_id": "m.commitment_prefix || lpad(c.rank::text, 4, '0')",
                "action_plan_id": f"c.i % {plans} + 1",
                "number": "c.rank::text",
                "title": "'Commitment ' || c.i || ': publish the budget of every ministry'",
                "short_title": "'Commitment ' || c.i",
                "full_text": "repeat('Lorem ipsum dolor sit amet. ', 8)",
                "lead_organization_id": f"(c.i * 7) % {organizations} + 1",
                "value_access_to_information": "c.i % 2 = 0",
                "value_civic_participation": "c.i % 3 = 0",
                "value_public_accountability": "c.i % 5 = 0",
                "value_technology_innovation": "c.i % 7 = 0",
                "start_date": "date '2012-06-01' + (c.i % 10) * 365",
                "end_date": "date '2013-06-01' + (c.i % 10) * 365",
                "self_reported_completion": f"({LEVELS})[(c.i * 3) % 8 + 1]",
                "self_reported_as_of": "date '2013-01-01' + (c.i % 700)",
                "irm_completion": f"({LEVELS})[c.i % 8 + 1]",
                "irm_starred": "c.i % 11 = 0",
                "version": "1",
                "created_at": "now()",
                "updated_at": "now()",
            },
            f"""FROM (SELECT i, row_number() OVER (PARTITION BY i % {plans} % {members} ORDER BY i)
                        AS rank FROM generate_series(0, {commitments - 1}) AS i) AS c
                JOIN commitments_actionplan p ON p.id = c.i % {plans} + 1
                JOIN commitments_member m ON m.id = p.member_id""",
        )
        cursor.execute(
            f"""INSERT INTO commitments_commitment_supporting_organizations
                    (commitment_id, organization_id)
                SELECT DISTINCT c, (c * 13 + k * 17) % {organizations} + 1
                FROM generate_series(1, {commitments}) AS c, generate_series(1, 2) AS k
                WHERE (c + k) % 3 <> 0
                  AND (c * 13 + k * 17) % {organizations} + 1 <> ((c - 1) * 7) % {organizations} + 1"""
        )
        cursor.execute(
            f"""INSERT INTO commitments_commitment_policy_areas (commitment_id, policyarea_id)
                SELECT c, c % 20 + 1 FROM generate_series(1, {commitments}) AS c"""
        )
        insert(
            cursor,
            "commitments_statusupdate",
            {
                "commitment_id": f"i % {commitments} + 1",
                "completion": f"({LEVELS})[i % 7 + 1]",
                "voice": "'civil_society'",
                "note": "'Progress reported by civil society, round ' || i",
                "as_of": "date '2013-01-01' + (i % 700)",
                "author_id": "1",
                "recorded_at": "now()",
            },
            f"FROM generate_series(0, {status_updates - 1}) AS i",
        )
        insert(
            cursor,
            "reviews_irmreport",
            {
                "id": "i + 1",
                "action_plan_id": "i + 1",
                "kind": "'progress'",
                "methodology": "'pre_2021'",
                "title": "'IRM progress report ' || i",
                "published_on": "date '2014-03-01' + (i % 10) * 365",
                "state": "'published'",
                "version": "1",
                "updated_at": "now()",
            },
            f"FROM generate_series(0, {plans - 1}) AS i",
        )
        insert(
            cursor,
            "reviews_assessment",
            {
                "report_id": "c.action_plan_id",
                "commitment_id": "c.id",
                "specificity": "'medium'",
                "specificity_label": "'Medium specificity'",
                "potential_impact": "'moderate'",
                "potential_impact_label": "'Moderate'",
                "completion": "c.irm_completion",
                "completion_label": "initcap(replace(c.irm_completion, '_', ' '))",
                "relevant_access_to_information": "c.value_access_to_information",
                "starred": "c.irm_starred",
                "star_formula": "'current'",
                "narrative": "'The IRM found that ' || c.short_title || ' made progress.'",
                "version": "1",
                "updated_at": "now()",
            },
            "FROM commitments_commitment c WHERE c.id % 3 <> 0",
        )
        for table in TABLES:
            cursor.execute(
                f"""SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                  COALESCE((SELECT max(id) FROM {table}), 1))"""
            )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    print(
        f"Seeded {members} members, {plans} plans, {organizations} organisations, "
        f"{commitments} commitments, {status_updates} status updates "
        f"in {time.monotonic() - started:.1f} s."
    )


def add_size_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--plans", type=int, default=600)
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--commitments", type=int, default=20000)
    parser.add_argument("--status-updates", type=int, default=200000)
    parser.add_argument(
        "--scale", type=int, default=1, help="Multiply every size by this (10 for the 10x run)."
    )


def sizes(args: argparse.Namespace) -> dict[str, int]:
    return {
        "members": args.members * args.scale,
        "plans": args.plans * args.scale,
        "organizations": args.organizations * args.scale,
        "commitments": args.commitments * args.scale,
        "status_updates": args.status_updates * args.scale,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_size_arguments(parser)
    args = parser.parse_args()
    dsn = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ogp_bench")
    if not dsn.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must point at PostgreSQL.")
    seed(dsn, **sizes(args))


if __name__ == "__main__":
    main()
