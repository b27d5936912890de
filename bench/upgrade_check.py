"""Did it last? Upgrade a site that ran the first release (f16ad34, 3 December 2026) with real data
to this checkout, and restore the first release's backup into it; compare what both show.

    .venv/bin/python bench/upgrade_check.py                       # SQLite files in a scratch folder
    .venv/bin/python bench/upgrade_check.py --database-url postgres://postgres@127.0.0.1:5432/ogp_upgrade_check

With the first release's code (a detached git worktree of --old, sharing this .venv): migrate,
`load_demo`, `import_ogp_irm` and `import_ogp_process` on the shared Explorer files (--data), a
nightly snapshot dated --past-day, then what people do through the pages, admin and API
(bench/upgrade/scenario.py: users in each role added in the admin, a status report with a file and
links, one that corrects another, one through the API with a token, an indicator reading, follows,
commitment edits, IRM drafts saved, submitted and published, a draft left a draft, a milestone
changed through the API), then what the site shows (bench/upgrade/observe.py) and its backup
(`export_dataset`). With this checkout's code, on the same database and media folder: `migrate`, as
README's upgrade steps say, then the same observation; and on a second, empty database: `migrate`,
`import_dataset` of the old backup, the same observation. bench/upgrade/compare.py prints every
difference; those a change since the first release explains are counted under that change, any
other is a defect and the exit status is 1. The PostgreSQL databases (URL and URL_restore) are
dropped and created. Not part of `make test`: about 3 minutes on SQLite on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "upgrade"
PAST_DAY = "2026-12-04"  # a night the first release's beat wrote its completion snapshot


class Run:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.timings: list[tuple[str, float]] = []
        self.log = (work / "commands.log").open("w")

    def __call__(
        self, label: str, tree: Path, args: list[str], env: dict[str, str]
    ) -> subprocess.CompletedProcess:
        started = time.monotonic()
        python = str(ROOT / ".venv" / "bin" / "python")
        done = subprocess.run(
            [python, *args],
            cwd=tree,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
        self.timings.append((label, elapsed))
        self.log.write(f"$ ({tree.name}) python {' '.join(args)}\n{done.stdout}{done.stderr}\n")
        self.log.flush()
        print(f"  {elapsed:6.1f} s  {label}", flush=True)
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            raise SystemExit(f"failed: {label} (rc {done.returncode}); log: {self.log.name}")
        return done


def fresh_database(url: str) -> None:
    """Drop and create a PostgreSQL database, or remove a SQLite file."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        Path(parsed.path).unlink(missing_ok=True)
        return
    name = parsed.path.lstrip("/")
    options = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    options += ["-U", parsed.username or "postgres"]
    subprocess.run(["dropdb", *options, "--if-exists", name], check=True)
    subprocess.run(["createdb", *options, name], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--old", default="f16ad34", help="the first release's commit")
    parser.add_argument("--database-url", help="scratch PostgreSQL database (default: SQLite)")
    parser.add_argument(
        "--data",
        type=Path,
        default=next(
            (
                p / "shared/data/ogp-irm"
                for p in (ROOT.parent, ROOT.parent.parent)
                if (p / "shared/data/ogp-irm").is_dir()
            ),
            ROOT.parent / "shared/data/ogp-irm",
        ),
        help="folder with the Explorer files, ../shared/data/ogp-irm (skipped when missing)",
    )
    parser.add_argument("--work", type=Path, help="folder for databases, media and observations")
    parser.add_argument("--keep", action="store_true", help="keep the old worktree and the work")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="ogp-upgrade-check-"))
    work.mkdir(parents=True, exist_ok=True)
    site_url = args.database_url or f"sqlite:///{work / 'site.sqlite3'}"
    restore_url = (
        args.database_url + "_restore"
        if args.database_url
        else f"sqlite:///{work / 'restore.sqlite3'}"
    )
    for url in (site_url, restore_url):
        fresh_database(url)
    for folder in ("media", "media-restore", "old"):
        shutil.rmtree(work / folder, ignore_errors=True)
    site = {
        "DATABASE_URL": site_url,
        "MEDIA_ROOT": str(work / "media"),
        "EVIDENCE_LINK_CHECKS": "0",
    }
    restore = {**site, "DATABASE_URL": restore_url, "MEDIA_ROOT": str(work / "media-restore")}
    old = work / "old"
    run = Run(work)
    print(f"work: {work}\nsite: {site_url}\nrestore: {restore_url}")
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(old), args.old],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (old / ".venv").symlink_to(ROOT / ".venv")
    results = {}
    try:
        print(f"First release ({args.old}):")
        run("migrate", old, ["manage.py", "migrate", "--noinput"], site)
        demo = run("load_demo", old, ["manage.py", "load_demo"], site).stdout
        passwords = dict(re.findall(r"^  (editor|researcher|planadmin|admin)\s+(\S+)", demo, re.M))
        (work / "demo-passwords.json").write_text(json.dumps(passwords))
        explorer = args.data / "explorer-2017-ogpirm_live_data.csv"
        process = args.data / "explorer-2017-process_database.csv"
        if not explorer.is_file():
            print(f"  (no {explorer}: the real IRM data is not imported)")
        if explorer.is_file():
            run(
                "import_ogp_irm (Explorer, 1,927 rows)",
                old,
                ["manage.py", "import_ogp_irm", str(explorer)],
                site,
            )
        if process.is_file():
            run("import_ogp_process", old, ["manage.py", "import_ogp_process", str(process)], site)
        run(
            f"recompute_snapshots --day {PAST_DAY}",
            old,
            ["manage.py", "recompute_snapshots", "--day", PAST_DAY],
            site,
        )
        run(
            "scenario: people, pages, admin, API",
            old,
            [
                str(HERE / "scenario.py"),
                str(work / "demo-passwords.json"),
                str(work / "people.json"),
            ],
            site,
        )
        run("recompute_snapshots (today)", old, ["manage.py", "recompute_snapshots"], site)
        run(
            "observe",
            old,
            [str(HERE / "observe.py"), str(work / "people.json"), str(work / "before")],
            site,
        )
        run(
            "export_dataset",
            old,
            ["manage.py", "export_dataset", str(work / "first-release-backup.tar.gz")],
            site,
        )

        print("This checkout, the same database (upgrade in place):")
        migrated = run("migrate", ROOT, ["manage.py", "migrate", "--noinput"], site)
        (work / "migrate.txt").write_text(migrated.stdout + migrated.stderr)
        run(
            "observe",
            ROOT,
            [str(HERE / "observe.py"), str(work / "people.json"), str(work / "upgraded")],
            site,
        )

        print("This checkout, an empty database (restore the first release's backup):")
        run("migrate", ROOT, ["manage.py", "migrate", "--noinput"], restore)
        restored = run(
            "import_dataset",
            ROOT,
            ["manage.py", "import_dataset", str(work / "first-release-backup.tar.gz")],
            restore,
        )
        print("         " + restored.stdout.strip().replace("\n", "\n         "))
        run(
            "observe",
            ROOT,
            [str(HERE / "observe.py"), str(work / "people.json"), str(work / "restored")],
            restore,
        )
    finally:
        if not args.keep:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True
            )
    status = 0
    for title, before, after in (
        ("First release -> upgraded in place", "before", "upgraded"),
        ("First release -> its backup restored", "before", "restored"),
        ("Upgraded in place -> restored backup (the two ways agree)", "upgraded", "restored"),
    ):
        print(f"\n{title}:")
        done = subprocess.run(
            [sys.executable, str(HERE / "compare.py"), str(work / before), str(work / after)],
            capture_output=True,
            text=True,
        )
        print(done.stdout.rstrip())
        results[title] = done.returncode
        status |= done.returncode
    print("\nTimings:")
    for label, seconds in run.timings:
        print(f"  {seconds:6.1f} s  {label}")
    print(f"\nWork folder: {work} (commands.log, migrate.txt, observations)")
    if not args.keep and not args.work:
        print("(kept for reading; remove it when done)")
    return status


if __name__ == "__main__":
    sys.exit(main())
