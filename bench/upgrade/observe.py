"""Record what a site shows, to compare before and after an upgrade (bench/upgrade_check.py runs it
with the first release's code and again with today's, on the same database):

    cd TREE && python /path/to/bench/upgrade/observe.py people.json OUT_DIR

OUT_DIR/db.json     every table, every row (read before anyone logs in, which moves last_login)
OUT_DIR/http.json   the public pages and API answers (JSON parsed; pages as the facts they show),
                    each evidence file's download (status, type, SHA-256), and each person's login
                    and what their role lets them open.
Only URLs and HTML are read, so the same file runs under both versions."""

from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import io
import json
import os
import re
import sys
import uuid
from html import unescape
from pathlib import Path
from typing import Any

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

# Tables of short-lived state that logging in or serving pages writes: not part of the comparison.
VOLATILE_TABLES = ("django_session", "axes_", "django_migrations")
COMMITMENTS = ("PE0001", "PE0008", "PE0022", "PE9001")
PAST_DAY = "2026-12-04"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if isinstance(value, memoryview | bytes):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, sort_keys=True)
    return value


def dump_tables() -> dict[str, dict[str, Any]]:
    """{table: {"columns": [...], "key": [...], "rows": [...]}} for every table."""
    tables: dict[str, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        for table in sorted(names):
            if table.startswith(VOLATILE_TABLES):
                continue
            description = connection.introspection.get_table_description(cursor, table)
            columns = [c.name for c in description]
            # Materialised views and search indexes that are not plain tables still read fine.
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = [[_plain(v) for v in row] for row in cursor.fetchall()]
            key = connection.introspection.get_primary_key_columns(cursor, table) or []
            tables[table] = {"columns": columns, "key": key, "rows": rows}
    return tables


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _json(client: Client, url: str, **headers: str) -> dict[str, Any]:
    response = client.get(url, **headers)
    body: Any
    try:
        body = json.loads(response.content)
    except ValueError:
        body = response.content.decode(errors="replace")[:500]
    return {"status": response.status_code, "body": body, "total": response.get("X-Total-Count")}


def _all_pages(client: Client, url: str) -> dict[str, Any]:
    """Every row of a paged list (the API's largest page is 500)."""
    rows: list[Any] = []
    page = 1
    while True:
        sep = "&" if "?" in url else "?"
        answer = _json(client, f"{url}{sep}page_size=500&page={page}")
        if answer["status"] != 200:
            return {"status": answer["status"], "rows": rows}
        body = answer["body"]
        chunk = body["results"] if isinstance(body, dict) and "results" in body else body
        rows.extend(chunk)
        if len(chunk) < 500:
            return {"status": 200, "rows": rows, "total": answer["total"]}
        page += 1


def _page(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    html = response.content.decode(errors="replace")
    return {
        "status": response.status_code,
        "text": _text(html),
        "evidence": sorted(set(re.findall(r'href="(/evidence/\d+/)"', html))),
        "links": sorted(set(re.findall(r'href="(https?://[^"]+)"', html))),
        "commitment_links": sorted(set(re.findall(r'href="/commitments/([^/"]+)/"', html))),
        "report_links": sorted(set(re.findall(r'href="/irm/reports/(\d+)/"', html))),
    }


def public(client: Client) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for url in (
        "/api/v1/action-plans/AP_PER01/",
        "/api/v1/action-plans/AP_PER02/",
        f"/api/v1/action-plans/AP_PER01/?as_of={PAST_DAY}",
        "/api/v1/action-plans/AP_PER01/?as_of=2014-06-30",
        f"/api/v1/stats/completion/?group_by=member&as_of={PAST_DAY}",
        f"/api/v1/stats/completion/?group_by=action_plan&as_of={PAST_DAY}",
        "/api/v1/stats/completion/?group_by=member",
        "/api/v1/stats/completion/?group_by=organization",
        "/api/v1/stats/completion/?group_by=policy_area",
        "/api/v1/stats/completion/?group_by=ogp_value",
        "/api/v1/stats/completion/history/?group_by=action_plan&key=AP_PER01",
        "/api/v1/organizations/proetica/",
        "/api/v1/indicator-readings/?page_size=500",
        "/api/v1/commitments/?starred=true&page_size=1",
        "/api/v1/commitments/?irm_completion=complete&page_size=1",
        "/api/v1/commitments/?page_size=1",
        "/api/v1/commitments/?q=transparencia&page_size=500",
        "/api/v1/commitments/?q=PE0022&page_size=500",
        "/api/v1/assessments/?page_size=1",
        "/api/v1/organizations/?page_size=1",
        "/api/v1/members/?page_size=500",
    ):
        seen[url] = _json(client, url)
    for url in ("/api/v1/action-plans/", "/api/v1/assessments/"):
        seen[url + " (all pages)"] = _all_pages(client, url)
    for ogp_id in COMMITMENTS:
        for suffix in ("", "history/", "changes/?page_size=200"):
            url = f"/api/v1/commitments/{ogp_id}/{suffix}"
            seen[url] = _json(client, url)
        seen[f"/commitments/{ogp_id}/"] = _page(client, f"/commitments/{ogp_id}/")
        seen[f"/feeds/commitments/{ogp_id}/"] = _feed(client, f"/feeds/commitments/{ogp_id}/")
    for url in (
        "/",
        "/plans/AP_PER01/",
        "/plans/AP_PER02/",
        "/organizations/proetica/",
        "/irm/reports/",
    ):
        seen[url] = _page(client, url)
    response = client.get("/api/v1/commitments/export.csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    seen["/api/v1/commitments/export.csv"] = {
        "status": response.status_code,
        "rows": {row.get("ogp_id", str(i)): row for i, row in enumerate(rows)},
    }
    files = {}
    for key, answer in list(seen.items()):
        for href in answer.get("evidence", []) if isinstance(answer, dict) else []:
            download = client.get(href)
            data = b"".join(download.streaming_content) if download.streaming else download.content
            files[href] = {
                "status": download.status_code,
                "type": download.get("Content-Type"),
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "on": key,
            }
    seen["evidence downloads"] = files
    return seen


def _feed(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    xml = response.content.decode(errors="replace")
    return {"status": response.status_code, "titles": re.findall(r"<title>(.*?)</title>", xml)}


def people(people_file: Path) -> dict[str, Any]:
    """Each person logs in with the password they chose and opens what their role allows."""
    from reviews.models import IRMReport

    draft = IRMReport.objects.filter(state="draft").order_by("pk").values_list("pk", flat=True)
    seen: dict[str, Any] = {}
    for username, person in json.loads(people_file.read_text()).items():
        client = Client()
        response = client.post(
            "/accounts/login/", {"username": username, "password": person["password"]}
        )
        entry: dict[str, Any] = {"login": response.status_code, "pages": {}}
        urls = {
            "Civil-society editor": ["/my/commitments/", "/commitments/PE0008/report/"],
            "IRM researcher": ["/irm/reports/"] + [f"/irm/reports/{pk}/" for pk in draft],
            "Plan administrator": [
                "/admin/",
                "/admin/commitments/commitment/",
                "/admin/auth/user/",
            ],
            None: ["/my/follows/", "/admin/auth/user/"],
        }[person["group"]]
        for url in urls:
            page = _page(client, url)
            entry["pages"][url] = {
                k: page[k] for k in ("status", "commitment_links", "report_links")
            }
            if url == "/my/follows/":
                entry["pages"][url]["text"] = page["text"]
        seen[username] = entry
    return seen


def tokens() -> dict[str, int]:
    """Each stored API token still authenticates (a bad token is a 401 even on public data)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM authtoken_token ORDER BY key")
        keys = [row[0] for row in cursor.fetchall()]
    return {
        key[:6]: Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/members/").status_code
        for key in keys
    }


def main(people_file: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "db.json").write_text(json.dumps(dump_tables()))
    client = Client()
    seen = {"public": public(client), "people": people(people_file), "tokens": tokens()}
    (out / "http.json").write_text(json.dumps(seen, indent=1, ensure_ascii=False, default=str))
    print(f"observed: {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
