"""The yardstick: a minimal WSGI app (no Django) that serves the same page as
/api/v1/commitments/?page_size=N&page=P, the same rows and fields, with the JSON built inside
PostgreSQL by one SQL statement (json_build_object / json_agg).

    DATABASE_URL=postgres://... gunicorn -w 2 bench.raw_app:application
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

import psycopg2

DSN = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ogp_bench")

ASSESSMENT = """
json_build_object(
  'id', a.id,
  'report', json_build_object('id', r.id, 'kind', r.kind, 'methodology', r.methodology,
     'title', r.title, 'published_on', r.published_on, 'publication_year', r.publication_year,
     'url', r.url),
  'specificity', NULLIF(a.specificity, ''), 'specificity_label', a.specificity_label,
  'verifiable', a.verifiable,
  'relevant_access_to_information', a.relevant_access_to_information,
  'relevant_civic_participation', a.relevant_civic_participation,
  'relevant_public_accountability', a.relevant_public_accountability,
  'relevant_technology_innovation', a.relevant_technology_innovation,
  'open_government_lens', a.open_government_lens,
  'potential_impact', NULLIF(a.potential_impact, ''),
  'potential_impact_label', a.potential_impact_label,
  'potential_for_results', NULLIF(a.potential_for_results, ''),
  'potential_for_results_label', a.potential_for_results_label,
  'promising', a.promising,
  'completion', NULLIF(a.completion, ''), 'completion_label', a.completion_label,
  'opened_government', NULLIF(a.opened_government, ''),
  'opened_government_label', a.opened_government_label,
  'early_results', NULLIF(a.early_results, ''), 'early_results_label', a.early_results_label,
  'starred', a.starred, 'star_formula', NULLIF(a.star_formula, ''),
  'updated_at', a.updated_at)
"""


def linked(through: str, key: str, table: str) -> str:
    """The commitment's rows of `table` (through the many-to-many table `through`, whose `key` points
    at them) as a JSON list of {id: slug, name}, ordered by name; [] for none."""
    return f"""COALESCE((
        SELECT json_agg(json_build_object('id', t.slug, 'name', t.name) ORDER BY t.name, t.id)
        FROM {through} x
        JOIN {table} t ON t.id = x.{key}
        WHERE x.commitment_id = c.id), '[]'::json)"""


SUPPORTING_ORGANIZATIONS = linked(
    "commitments_commitment_supporting_organizations", "organization_id", "commitments_organization"
)
POLICY_AREAS = linked(
    "commitments_commitment_policy_areas", "policyarea_id", "commitments_policyarea"
)

PAGE_SQL = f"""
WITH page AS (
  SELECT id FROM commitments_commitment ORDER BY ogp_id LIMIT %(limit)s OFFSET %(offset)s
)
SELECT (SELECT count(*) FROM commitments_commitment),
       COALESCE(json_agg(row ORDER BY ord), '[]'::json)::text
FROM (
  SELECT c.ogp_id AS ord, json_build_object(
    'ogp_id', c.ogp_id, 'action_plan', p.ogp_id, 'member', m.code, 'number', c.number,
    'title', c.title, 'short_title', c.short_title, 'full_text', c.full_text,
    'lead_organization', CASE WHEN o.id IS NULL THEN NULL
                              ELSE json_build_object('id', o.slug, 'name', o.name) END,
    'supporting_organizations', {SUPPORTING_ORGANIZATIONS},
    'ogp_values', to_json(array_remove(ARRAY[
        CASE WHEN c.value_access_to_information THEN 'access_to_information' END,
        CASE WHEN c.value_civic_participation THEN 'civic_participation' END,
        CASE WHEN c.value_public_accountability THEN 'public_accountability' END,
        CASE WHEN c.value_technology_innovation THEN 'technology_innovation' END], NULL)),
    'policy_areas', {POLICY_AREAS},
    'theme', c.theme, 'cluster', c.cluster,
    'start_date', c.start_date, 'start_date_text', c.start_date_text,
    'end_date', c.end_date, 'end_date_text', c.end_date_text,
    'added_after_approval', c.added_after_approval,
    'self_reported', json_build_object('completion', NULLIF(c.self_reported_completion, ''),
                                       'as_of', c.self_reported_as_of),
    'irm_completion', NULLIF(c.irm_completion, ''), 'irm_starred', c.irm_starred,
    'source_file', c.source_file, 'source_row', c.source_row,
    'created_at', c.created_at, 'updated_at', c.updated_at,
    'latest_irm_assessment', (
        SELECT {ASSESSMENT}
        FROM reviews_assessment a JOIN reviews_irmreport r ON r.id = a.report_id
        WHERE a.commitment_id = c.id AND r.state = 'published'
        ORDER BY r.published_on DESC NULLS LAST, r.publication_year DESC NULLS LAST, a.id DESC
        LIMIT 1)
  ) AS row
  FROM page
  JOIN commitments_commitment c ON c.id = page.id
  JOIN commitments_actionplan p ON p.id = c.action_plan_id
  JOIN commitments_member m ON m.id = p.member_id
  LEFT JOIN commitments_organization o ON o.id = c.lead_organization_id
) AS rows
"""

_connection = None


def connection():  # one connection per worker process, opened on first use
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(DSN)
        _connection.autocommit = True
    return _connection


def link(environ: dict, page: int, size: int) -> str:
    host = environ.get("HTTP_HOST", "127.0.0.1")
    return f'"http://{host}{environ["PATH_INFO"]}?page={page}&page_size={size}"'


def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    query = parse_qs(environ.get("QUERY_STRING", ""))
    try:
        page = int(query.get("page", ["1"])[0])
        size = int(query.get("page_size", ["50"])[0])
    except ValueError:
        page, size = 0, 0
    if page < 1 or not 1 <= size <= 500:
        start_response("400 Bad Request", [("Content-Type", "application/json")])
        return [b'{"detail":"bad page or page_size"}']
    with connection().cursor() as cursor:
        cursor.execute(PAGE_SQL, {"limit": size, "offset": (page - 1) * size})
        count, results = cursor.fetchone()
    following = link(environ, page + 1, size) if page * size < count else "null"
    previous = link(environ, page - 1, size) if page > 1 else "null"
    body = f'{{"count":{count},"next":{following},"previous":{previous},"results":{results}}}'
    data = body.encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]
