"""Compare two observations (bench/upgrade/observe.py) of the same site: before an upgrade and after
it, or a site and its restored backup. Plain Python, no Django:

    python bench/upgrade/compare.py BEFORE_DIR AFTER_DIR [--restored]

Every difference is printed. A difference that a change since the first release explains is
printed with that change (EXPLAINED below); anything else is a defect, and the exit status is 1."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from explained import (  # run as a script: its folder is on sys.path
    EXPLAINED,
    RENAMED,
    RENAMED_COLUMNS,
    RENAMED_REASON,
    SEARCH,
)
from headline import headline


def load(directory: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        json.loads((directory / "db.json").read_text()),
        json.loads((directory / "http.json").read_text()),
    )


class Report:
    def __init__(self, explained: list[tuple[str, str]], renamed: dict[str, str]) -> None:
        self.explained = [(re.compile(pattern), why) for pattern, why in explained]
        self.renamed = renamed  # old ogp_id -> today's, from the former ids
        self.renamed_now: set[str] = set()  # today's ids of the commitments 0034 renamed
        self.defects: list[str] = []
        self.known: Counter[str] = Counter()
        self.notes: list[str] = []

    def explain(self, where: str, detail: str, why: str) -> None:
        self.known[why] += 1
        self.notes.append(f"  explained  {where}: {detail}  [{why}]")

    def differ(self, where: str, detail: str) -> None:
        for pattern, why in self.explained:
            if pattern.search(f"{where}: {detail}"):
                self.known[f"{why}"] += 1
                self.notes.append(f"  explained  {where}: {detail}  [{why}]")
                return
        self.defects.append(f"  DEFECT     {where}: {detail}")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "..."


def _names(db: dict[str, Any]) -> dict[str, dict[Any, str]]:
    """Content types and permissions by name: a restored database numbers them as its own
    `migrate` made them, and rows that point at them are compared by what they name."""
    types = db["django_content_type"]
    ci = {c: i for i, c in enumerate(types["columns"])}
    type_names = {r[ci["id"]]: f"{r[ci['app_label']]}.{r[ci['model']]}" for r in types["rows"]}
    perms = db["auth_permission"]
    pi = {c: i for i, c in enumerate(perms["columns"])}
    perm_names = {
        r[pi["id"]]: f"{type_names.get(r[pi['content_type_id']])}.{r[pi['codename']]}"
        for r in perms["rows"]
    }
    groups = db["auth_group"]
    gi = {c: i for i, c in enumerate(groups["columns"])}
    group_names = {r[gi["id"]]: r[gi["name"]] for r in groups["rows"]}
    return {"content_type_id": type_names, "permission_id": perm_names, "group_id": group_names}


def _named(table: dict[str, Any], names: dict[str, dict[Any, str]]) -> dict[str, Any]:
    """The table with content type and permission ids replaced by their names."""
    columns = table["columns"]
    swap = [(i, names[c]) for i, c in enumerate(columns) if c in names]
    if not swap:
        return table
    rows = []
    for row in table["rows"]:
        row = list(row)
        for i, mapping in swap:
            row[i] = mapping.get(row[i], row[i])
        rows.append(row)
    return {**table, "rows": rows}


# Tables compared by what their rows say rather than by id: a restore renumbers them.
BY_CONTENT = {
    "django_content_type": ("app_label", "model"),
    "auth_permission": ("content_type_id", "codename"),
    "auth_group": ("name",),
}


def renamed_ids(after: dict[str, Any]) -> dict[str, str]:
    """Old ogp_id -> today's, for the commitments the upgrade gave another id (former ids)."""
    former = after.get("commitments_commitmentformerid")
    if not former:
        return {}
    commitments = after["commitments_commitment"]
    ci = {c: i for i, c in enumerate(commitments["columns"])}
    current = {r[ci["id"]]: r[ci["ogp_id"]] for r in commitments["rows"]}
    fi = {c: i for i, c in enumerate(former["columns"])}
    return {r[fi["ogp_id"]]: current[r[fi["commitment_id"]]] for r in former["rows"]}


def compare_db(before: dict[str, Any], after: dict[str, Any], report: Report) -> list[str]:
    lines = []
    renamed_rows = report.renamed_now
    names_before, names_after = _names(before), _names(after)
    for table, old in sorted(before.items()):
        new = after.get(table)
        if new is None:
            report.differ(f"db {table} (table)", f"gone with its {len(old['rows'])} rows")
            continue
        old, new = _named(old, names_before), _named(new, names_after)
        gone_columns = [c for c in old["columns"] if c not in new["columns"]]
        old_index = {c: i for i, c in enumerate(old["columns"])}
        new_index = {c: i for i, c in enumerate(new["columns"])}
        for column in gone_columns:
            filled = sum(1 for row in old["rows"] if row[old_index[column]] not in (None, ""))
            report.differ(f"db {table}.{column} (column)", f"gone ({filled} rows had a value)")
        key = _primary_key(old["columns"]) or old["key"]
        if table in BY_CONTENT:
            key = list(BY_CONTENT[table])
        elif _is_link_table(old["columns"]) or "m2m_history_id" in old["columns"]:
            # Many-to-many rows (and the history's copies of them) are compared as what they
            # link: Django numbers them anew when it restores a record's links.
            key = []
        if not key:
            # A link table without an id: compare the rows as sets over the common columns.
            common = [
                c for c in old["columns"] if c in new_index and c not in ("id", "m2m_history_id")
            ]
            a = {tuple(r[old_index[c]] for c in common) for r in old["rows"]}
            b = {tuple(r[new_index[c]] for c in common) for r in new["rows"]}
            if a - b:
                report.differ(f"db {table} (rows)", f"{len(a - b)} rows gone")
            lines.append(f"{table}: {len(a)} -> {len(b)} rows")
            continue
        k_old = [old_index[c] for c in key]
        k_new = [new_index[c] for c in key]
        new_rows = {tuple(r[i] for i in k_new): r for r in new["rows"]}
        missing = 0
        changed: Counter[str] = Counter()
        samples: dict[str, str] = {}
        for row in old["rows"]:
            ident = tuple(row[i] for i in k_old)
            other = new_rows.get(ident)
            if table in BY_CONTENT:
                continue  # named by its content: present is all there is to compare
            if other is None:
                missing += 1
                continue
            was_renamed = (
                table in ("commitments_commitment", "commitments_historicalcommitment")
                and other[new_index["ogp_id"]] in renamed_rows
                and (
                    table == "commitments_commitment"
                    or other[new_index["history_change_reason"]] == RENAMED_REASON
                )
            ) or table == "commitments_commitmentformerid"
            for column, i in old_index.items():
                if column not in new_index:
                    continue
                a, b = row[i], other[new_index[column]]
                if a != b and not _same(a, b):
                    if was_renamed and column in RENAMED_COLUMNS:
                        report.known[RENAMED] += 1
                        continue
                    changed[column] += 1
                    samples.setdefault(column, f"id {ident[0]}: {_short(a)} -> {_short(b)}")
        if missing:
            report.differ(f"db {table} (rows)", f"{missing} of {len(old['rows'])} rows gone")
        for column, count in sorted(changed.items()):
            report.differ(f"db {table}.{column}", f"{count} rows changed, e.g. {samples[column]}")
        added = len(new["rows"]) - (len(old["rows"]) - missing)
        lines.append(
            f"{table}: {len(old['rows'])} rows, {missing} gone, "
            f"{sum(changed.values())} values changed, {added} added"
        )
    return lines


def _is_link_table(columns: list[str]) -> bool:
    return len(columns) == 3 and columns[0] == "id" and all(c.endswith("_id") for c in columns[1:])


def _primary_key(columns: list[str]) -> list[str]:
    """History tables carry the record's id too: their own key comes first."""
    for name in ("m2m_history_id", "history_id", "id"):
        if name in columns:
            return [name]
    return []


def _same(a: Any, b: Any) -> bool:
    """Equal once the engines' spellings agree (1 vs True, '1.50' vs '1.5', JSON text)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a in (0, 1, True, False) and bool(a) == bool(b) and b in (0, 1, True, False)
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        pass
    if isinstance(a, str) and isinstance(b, str):
        try:
            return json.loads(a) == json.loads(b)
        except ValueError:
            return False
    return False


IDENTITY = ("ogp_id", "code", "id", "key", "slug", "username", "field")


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for name in IDENTITY:
        if all(name in i for i in items):
            keys = [str(i[name]) for i in items]
            if len(set(keys)) == len(keys):
                return dict(zip(keys, items, strict=True))
    return None


def compare_json(where: str, a: Any, b: Any, report: Report) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in a.items():
            key_now = report.renamed.get(key, key)
            if key_now != key and key_now in b and key not in b:
                compare_json(f"{where}[{key_now}]", value, b[key_now], report)
                continue
            if key not in b:
                report.differ(f"{where} :: {key}", f"key gone (was {_short(value)})")
            else:
                compare_json(
                    f"{where}.{key}" if "::" in where else f"{where} :: {key}",
                    value,
                    b[key],
                    report,
                )
        return
    if isinstance(a, list) and isinstance(b, list):
        ka, kb = _keyed(a), _keyed(b)
        if ka is not None and kb is not None:
            ka = {report.renamed.get(k, k): v for k, v in ka.items()}
            for key, value in ka.items():
                if key not in kb:
                    report.differ(f"{where}[{key}]", f"item gone: {_short(value)}")
                else:
                    compare_json(f"{where}[{key}]", value, kb[key], report)
            return
        if len(a) != len(b):
            report.differ(f"{where}", f"{len(a)} items -> {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            compare_json(f"{where}[{i}]", x, y, report)
        return
    if a != b and not _same(a, b):
        if isinstance(a, str) and report.renamed.get(a) == b:
            report.explain(where, f"{a} -> {b}", RENAMED)
        elif isinstance(a, str) and isinstance(b, str) and _renamed_text(a, report.renamed) == b:
            report.explain(where, f"{_short(a)} -> {_short(b)}", RENAMED)
        else:
            report.differ(where, f"{_short(a)} -> {_short(b)}")


def _renamed_text(text: str, renamed: dict[str, str]) -> str:
    """A text (an address, a link) with the renamed ids in it replaced."""
    return re.sub(r"\b[A-Z]{2,6}[0-9]{4}\b", lambda m: renamed.get(m[0], m[0]), text)


def _facts(history: dict[str, Any]) -> list[str]:
    """What a commitment's page must still show: each update's note and evidence link, each
    published assessment's narrative."""
    body = history.get("body") or {}
    facts = []
    for update in body.get("status_updates", []):
        facts.append(update["note"])
        facts.extend(e["url"] for e in update.get("evidence", []) if e.get("url"))
    facts.extend(a["narrative"] for a in body.get("assessments", []) if a.get("narrative"))
    return facts


def compare_changes(url: str, old: Any, new: Any, report: Report) -> None:
    """Every change the history showed is still shown: when, by whom, each field before and after
    (as words); entries it shows besides are listed."""

    def entry_key(entry: dict[str, Any]) -> tuple[str, str, str]:
        return entry["at"], entry["by"], entry["record"]

    shown = {entry_key(e): e for e in new["results"]}
    matched = set()
    for entry in old["results"]:
        other = shown.get(entry_key(entry))
        if other is None:
            report.differ(f"http {url} :: entry {entry['at']}", f"gone: {_short(entry)}")
            continue
        matched.add(entry_key(entry))
        fields = {c["field"]: c for c in other["changes"]}
        for change in entry["changes"]:
            now = fields.get(change["field"])
            if now is None:
                report.differ(f"http {url} :: {entry['at']} {change['field']}", "change gone")
            else:
                compare_json(
                    f"http {url} :: {entry['at']} {change['field']}",
                    {k: change[k] for k in ("old_display", "new_display") if k in change},
                    {k: now[k] for k in ("old_display", "new_display") if k in now},
                    report,
                )
    for key, entry in shown.items():
        if key not in matched:
            report.differ(f"http {url} :: extra entry", f"{entry['at']} {_short(entry['changes'])}")


WORDS = (
    "search on PostgreSQL matches words and the start of words, not letters inside a word (a "
    "web address such as www.transparenciapresupuestaria.gob.mx for 'transparencia'; commitments "
    "0012, 4 Dec 2026)"
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def compare_search(url: str, old: Any, new: Any, report: Report) -> None:
    """A search finds what it found (more is fine), except commitments that held the words only
    inside a longer word."""
    query = _fold(re.search(r"[?&]q=([^&]+)", url)[1])
    found = {report.renamed.get(r["ogp_id"], r["ogp_id"]) for r in new["results"]}
    for row in old["results"]:
        ogp_id = report.renamed.get(row["ogp_id"], row["ogp_id"])
        if ogp_id in found:
            continue
        text = _fold(
            " ".join(str(row.get(k) or "") for k in ("ogp_id", "title", "short_title", "full_text"))
        )
        # A word starts after a space or punctuation, not after a letter, a digit or a dot inside
        # a web address (PostgreSQL reads www.transparenciapresupuestaria.gob.mx as one word).
        if re.search(rf"(?<![a-z0-9.]){re.escape(query)}", text):
            report.differ(f"http {url} :: {ogp_id}", "no longer found")
        else:
            report.explain(f"http {url} :: {ogp_id}", "no longer found", WORDS)
    if new["count"] != old["count"]:
        report.explain(f"http {url} :: count", f"{old['count']} -> {new['count']}", SEARCH)


def compare_http(before: dict[str, Any], after: dict[str, Any], report: Report) -> None:
    old, new = before["public"], after["public"]
    for url, answer in old.items():
        if url == "evidence downloads":
            continue
        if "?q=" in url and answer.get("status") == 200 and new.get(url, {}).get("status") == 200:
            compare_search(url, answer["body"], new[url]["body"], report)
            continue
        if (
            "/changes/" in url
            and answer.get("status") == 200
            and new.get(url, {}).get("status") == 200
        ):
            compare_changes(url, answer["body"], new[url]["body"], report)
            continue
        other = new.get(url)
        if other is None:
            report.differ(f"http {url}", "not observed after")
            continue
        if answer.get("status") != other.get("status"):
            report.differ(
                f"http {url} :: status", f"{answer.get('status')} -> {other.get('status')}"
            )
            continue
        if "body" in answer:
            compare_json(f"http {url}", answer["body"], other["body"], report)
        if "rows" in answer:
            compare_json(f"http {url}", answer["rows"], other["rows"], report)
        if "titles" in answer:
            compare_json(f"http {url} :: titles", answer["titles"], other["titles"], report)
        for name in ("evidence", "links", "commitment_links", "report_links"):
            was = {_renamed_text(v, report.renamed) for v in answer.get(name, [])}
            gone = sorted(was - set(other.get(name, [])))
            if gone:
                report.differ(f"http {url} :: {name}", f"no longer on the page: {gone}")
    for ogp_id_url, answer in old.items():
        match = re.fullmatch(r"/api/v1/commitments/([^/]+)/history/", ogp_id_url)
        if not match:
            continue
        page = new.get(f"/commitments/{match[1]}/", {}).get("text", "")
        for fact in _facts(answer):
            if " ".join(fact.split()) not in page:
                report.differ(
                    f"http /commitments/{match[1]}/ :: text", f"no longer shows {_short(fact)}"
                )
    for href, download in old["evidence downloads"].items():
        other = new["evidence downloads"].get(href)
        if other is None:
            report.differ(f"http {href} :: download", "no longer linked from its page")
        else:
            compare_json(
                f"http {href} :: download",
                {k: v for k, v in download.items() if k != "on"},
                {k: v for k, v in other.items() if k != "on"},
                report,
            )
    for username, entry in before["people"].items():
        other = after["people"].get(username, {})
        if other.get("login") != entry["login"]:
            report.differ(f"http login {username}", f"{entry['login']} -> {other.get('login')}")
        for url, page in entry["pages"].items():
            seen = other.get("pages", {}).get(url, {})
            if seen.get("status") != page["status"]:
                report.differ(
                    f"http {username} {url} :: status", f"{page['status']} -> {seen.get('status')}"
                )
            for name in ("commitment_links", "report_links"):
                was = {_renamed_text(v, report.renamed) for v in page[name]}
                gone = sorted(was - set(seen.get(name, [])))
                if gone:
                    report.differ(f"http {username} {url} :: {name}", f"gone: {gone}")
    compare_json("http tokens", before["tokens"], after["tokens"], report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print explained differences too")
    args = parser.parse_args()
    db_before, http_before = load(args.before)
    db_after, http_after = load(args.after)
    renamed = renamed_ids(db_after)
    # Ids are compared across the rename only when the first observation is from before it.
    report = Report(EXPLAINED, {} if "commitments_commitmentformerid" in db_before else renamed)
    report.renamed_now = set(renamed.values())
    lines = compare_db(db_before, db_after, report)
    compare_http(http_before, http_after, report)
    print(
        f"Compared {len(db_before)} tables ({sum(len(t['rows']) for t in db_before.values())} rows)"
        f" and {len(http_before['public'])} public answers, "
        f"{len(http_before['public']['evidence downloads'])} evidence downloads, "
        f"{len(http_before['people'])} people's logins and pages, "
        f"{len(http_before['tokens'])} API tokens."
    )
    print("\n".join(headline(http_before, http_after)))
    if args.verbose:
        print("\n".join(lines))
        print("\n".join(report.notes))
    for why, count in report.known.most_common():
        print(f"  {count:5d} explained by: {why}")
    print("\n".join(report.defects) if report.defects else "  no unexplained difference")
    return 1 if report.defects else 0


if __name__ == "__main__":
    sys.exit(main())
