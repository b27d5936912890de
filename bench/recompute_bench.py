"""Benchmark the completion snapshot recompute against a naive per-commitment loop, in the same run.

    createdb -h 127.0.0.1 -U postgres ogp_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench \
        .venv/bin/python bench/recompute_bench.py --commitments 20000 --updates 200000

Seeds a synthetic dataset into an EMPTY database (refuses otherwise; --reuse runs on the data a
previous run left), then times and counts the SQL queries of:

- the recompute (commitments.figures.snapshots.recompute_snapshots): one aggregate and one bulk upsert per
  grouping, whatever the data size;
- a naive loop: every commitment fetched with its plan, member, lead organisation, policy areas and
  latest status update one query at a time, tallied in Python, each snapshot row saved on its own.

Both write the same rows (checked), on two different days.

Then, on the same data (plans started 2012-2020, status updates over each plan's first 14 months, a
progress report for every plan and an end-of-term report for most, some known only by their year):

- the figures for every plan today (the cached current levels) against the figures for every plan as
  of a past day and on a chosen IRM basis (commitments.figures.as_of.levels_from_records: one query);
- the full history rebuild since 2012 (commitments.figures.snapshots.rebuild_snapshots), checked equal to the
  as-of definition on sample days.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from commitments.figures.counting import _aggregates, completion_by  # noqa: E402
from commitments.figures.snapshots import rebuild_snapshots, recompute_snapshots  # noqa: E402
from commitments.models import (  # noqa: E402
    ActionPlan,
    Commitment,
    CompletionLevel,
    CompletionSnapshot,
    Member,
    Organization,
    PolicyArea,
    StatusUpdate,
)
from commitments.models.snapshots import ALL_KEY  # noqa: E402
from commitments.models.vocab import FIGURE_KEYS, NO_DATA, OGP_VALUE_FIELDS, OGPValue  # noqa: E402
from reviews.models import Assessment, IRMReport  # noqa: E402
from tests.figures.snapshot_reading import snapshot_as_of  # noqa: E402

LEVELS = [str(level) for level in CompletionLevel.values]
SQL_DAY = datetime.date(2030, 1, 1)
NAIVE_DAY = datetime.date(2030, 1, 2)


def letters(n: int) -> str:
    return "".join(chr(65 + (n // 26**i) % 26) for i in (2, 1, 0))


def seed(*, members: int, plans: int, commitments: int, updates: int, orgs: int) -> None:
    rng = random.Random(5)
    with transaction.atomic():
        Member.objects.bulk_create(
            [
                Member(code=f"M{n:03d}", commitment_prefix=letters(n), name=f"Member {n}")
                for n in range(members)
            ]
        )
        member_ids = list(Member.objects.order_by("pk").values_list("pk", flat=True))
        ActionPlan.objects.bulk_create(
            [
                ActionPlan(
                    member_id=member_ids[n % members],
                    number=n // members + 1,
                    ogp_id=f"AP_M{n % members:03d}{n // members + 1:02d}",
                    title=f"Plan {n}",
                    start_date=plan_start(n),
                    end_date=plan_start(n) + datetime.timedelta(days=730),
                )
                for n in range(plans)
            ]
        )
        plan_rows = list(ActionPlan.objects.order_by("pk").values_list("pk", "member_id"))
        starts = dict(ActionPlan.objects.values_list("pk", "start_date"))
        Organization.objects.bulk_create(
            [
                Organization(name=f"Org {n}", normalized_name=f"org {n}", slug=f"org-{n}")
                for n in range(orgs)
            ]
        )
        org_ids = list(Organization.objects.values_list("pk", flat=True))
        areas = PolicyArea.objects.bulk_create(
            [PolicyArea(slug=f"area-{n}", name=f"Area {n}") for n in range(20)]
        )
        prefixes = dict(Member.objects.values_list("pk", "commitment_prefix"))
        per_member: dict[int, int] = defaultdict(int)
        rows = []
        for n in range(commitments):
            plan_id, member_id = plan_rows[n % plans]
            per_member[member_id] += 1
            rows.append(
                Commitment(
                    ogp_id=f"{prefixes[member_id]}{per_member[member_id]:04d}",
                    action_plan_id=plan_id,
                    title=f"Commitment {n}",
                    lead_organization_id=rng.choice(org_ids) if rng.random() < 0.9 else None,
                    irm_completion=rng.choice([*LEVELS, "", ""]),
                    **{field: rng.random() < 0.4 for field in OGP_VALUE_FIELDS.values()},
                )
            )
        Commitment.objects.bulk_create(rows, batch_size=5000)
        commitment_ids = list(Commitment.objects.values_list("pk", flat=True))
        through = Commitment.policy_areas.through
        through.objects.bulk_create(
            [
                through(commitment_id=cid, policyarea_id=area.pk)
                for cid in commitment_ids
                for area in rng.sample(areas, rng.choice([0, 1, 1, 2]))
            ],
            batch_size=10000,
        )
        author = get_user_model().objects.create(username="bench-author")
        plan_of = dict(Commitment.objects.values_list("pk", "action_plan_id"))
        reported = rng.sample(commitment_ids, k=min(len(commitment_ids), int(commitments * 0.7)))
        latest: dict[int, tuple[datetime.date, str]] = {}
        batch = []
        for n in range(updates):
            cid = reported[n % len(reported)]
            start = starts[plan_of[cid]]
            as_of = start + datetime.timedelta(days=n // len(reported) * 30 + rng.randint(0, 29))
            level = rng.choice(LEVELS)
            batch.append(
                StatusUpdate(commitment_id=cid, completion=level, as_of=as_of, author_id=author.pk)
            )
            if cid not in latest or as_of >= latest[cid][0]:
                latest[cid] = (as_of, level)
            if len(batch) == 10000:
                StatusUpdate.objects.bulk_create(batch)
                batch = []
        StatusUpdate.objects.bulk_create(batch)
        seed_irm(rng, starts, plan_of)
    # The cached current status, as record_status_update keeps it (latest as_of, then latest row).
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE commitments_commitment c
               SET self_reported_completion = s.completion, self_reported_as_of = s.as_of
              FROM (SELECT DISTINCT ON (commitment_id) commitment_id, completion, as_of
                      FROM commitments_statusupdate
                     ORDER BY commitment_id, as_of DESC, recorded_at DESC, id DESC) s
             WHERE s.commitment_id = c.id
            """
        )
        # The cached IRM level, as refresh_irm_summary keeps it: the latest report's rating.
        cursor.execute(
            """
            UPDATE commitments_commitment c
               SET irm_completion = a.completion
              FROM (SELECT DISTINCT ON (a.commitment_id) a.commitment_id, a.completion
                      FROM reviews_assessment a JOIN reviews_irmreport r ON r.id = a.report_id
                     WHERE a.completion <> ''
                     ORDER BY a.commitment_id, r.kind = 'end_of_term' DESC) a
             WHERE a.commitment_id = c.id
            """
        )


def plan_start(n: int) -> datetime.date:
    """Plans start between 2012 and 2020, spread over the months."""
    return datetime.date(2012 + n % 9, 1 + n % 12, 1)


def seed_irm(rng: random.Random, starts: dict, plan_of: dict) -> None:
    """A progress report per plan (13 months in; one in five known only by its year) rating 80 % of
    its commitments, and an end-of-term report (27 months in) for plans old enough, rating half."""
    reports = []
    for plan_id, start in starts.items():
        progress = start + datetime.timedelta(days=395)
        year_only = rng.random() < 0.2
        reports.append(
            IRMReport(
                action_plan_id=plan_id,
                kind=IRMReport.Kind.PROGRESS,
                state=IRMReport.State.PUBLISHED,
                published_on=None if year_only else progress,
                publication_year=progress.year,
            )
        )
        end = start + datetime.timedelta(days=820)
        if end <= datetime.date(2024, 12, 31):
            reports.append(
                IRMReport(
                    action_plan_id=plan_id,
                    kind=IRMReport.Kind.END_OF_TERM,
                    state=IRMReport.State.PUBLISHED,
                    published_on=end,
                    publication_year=end.year,
                )
            )
    IRMReport.objects.bulk_create(reports)
    by_plan: dict[tuple[int, str], int] = {
        (plan, kind): pk
        for pk, plan, kind in IRMReport.objects.values_list("pk", "action_plan_id", "kind")
    }
    assessments = []
    for cid, plan_id in plan_of.items():
        if rng.random() < 0.8:
            report = by_plan[(plan_id, IRMReport.Kind.PROGRESS)]
            assessments.append(
                Assessment(report_id=report, commitment_id=cid, completion=rng.choice(LEVELS))
            )
        end = by_plan.get((plan_id, IRMReport.Kind.END_OF_TERM))
        if end and rng.random() < 0.5:
            assessments.append(
                Assessment(report_id=end, commitment_id=cid, completion=rng.choice(LEVELS))
            )
    Assessment.objects.bulk_create(assessments, batch_size=5000)


def naive_recompute(day: datetime.date) -> int:
    """What one would write without SQL aggregation: a loop over every commitment."""
    counts: dict[tuple[str, str, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys((str(k) for k in FIGURE_KEYS), 0)
    )
    labels: dict[tuple[str, str], str] = {}
    for commitment in Commitment.objects.order_by("pk"):
        plan = ActionPlan.objects.get(pk=commitment.action_plan_id)
        member = Member.objects.get(pk=plan.member_id)
        org = (
            Organization.objects.get(pk=commitment.lead_organization_id)
            if commitment.lead_organization_id
            else None
        )
        areas = list(commitment.policy_areas.all())
        civil = commitment.status_updates.civil_society().latest_first().first()
        government = commitment.status_updates.government().latest_first().first()
        levels = {
            "irm": commitment.irm_completion or NO_DATA,
            "civil_society": (civil.completion if civil else "") or NO_DATA,
            "government": (government.completion if government else "") or NO_DATA,
        }
        groups = [("all", ALL_KEY, "All commitments"), ("member", member.code, member.name)]
        groups.append(("action_plan", plan.ogp_id, plan.title or plan.ogp_id))
        if org is not None:
            groups.append(("organization", org.slug, org.name))
        groups += [("policy_area", area.slug, area.name) for area in areas]
        groups += [
            ("ogp_value", str(value), str(value.label))
            for value, field in OGP_VALUE_FIELDS.items()
            if getattr(commitment, field)
        ]
        for grouping, key, label in groups:
            labels[(grouping, key)] = label
            for track, level in levels.items():
                counts[(grouping, key, track)][level] += 1
    for value in OGPValue:  # values nobody is tagged with still get their zero rows
        labels.setdefault(("ogp_value", str(value)), str(value.label))
        for track in ("irm", "civil_society", "government"):
            counts[("ogp_value", str(value), track)]
    now = timezone.now()
    for (grouping, key, track), tally in counts.items():
        CompletionSnapshot.objects.update_or_create(
            day=day,
            grouping=grouping,
            group_key=key,
            track=track,
            defaults={
                "group_label": labels[(grouping, key)],
                "total": sum(tally.values()),
                "computed_at": now,
                **tally,
            },
        )
    return len(counts)


def rows_of(day: datetime.date) -> list[tuple]:
    fields = ["grouping", "group_key", "track", *(str(k) for k in FIGURE_KEYS), "total"]
    return sorted(CompletionSnapshot.objects.filter(day=day).values_list(*fields))


def measure(label: str, run) -> tuple[float, int]:
    """Wall time and number of SQL statements of `run()` (counted, not logged: no debug overhead)."""
    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started
    print(f"{label:<28} {elapsed:9.2f} s   {statements:>8} queries", flush=True)
    return elapsed, statements


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def rounds(measures: dict[str, Any], repeat: int) -> dict[str, float]:
    """Each measure's median wall time over `repeat` rounds, the measures interleaved in each round
    (so a noisy neighbour slows all of them alike), after one warm-up run each; prints median and
    spread. Returns {label: median}."""
    for run in measures.values():
        run()
    times: dict[str, list[float]] = {label: [] for label in measures}
    for _ in range(repeat):
        for label, run in measures.items():
            times[label].append(timed(run))
    medians = {}
    for label, xs in times.items():
        medians[label] = statistics.median(xs)
        print(
            f"{label:<44} median {medians[label] * 1000:7.1f} ms   "
            f"min {min(xs) * 1000:7.1f}   max {max(xs) * 1000:7.1f}   ({repeat} rounds)"
        )
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--plans", type=int, default=600)
    parser.add_argument("--commitments", type=int, default=20_000)
    parser.add_argument("--updates", type=int, default=200_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--reuse", action="store_true", help="run on the data already there")
    parser.add_argument("--skip-naive", action="store_true", help="time only the SQL recompute")
    parser.add_argument("--rounds", type=int, default=9, help="rounds of the figures timings")
    args = parser.parse_args()

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL to an empty database.")
    call_command("migrate", verbosity=0)
    if Commitment.objects.exists() and not args.reuse:
        sys.exit("The database is not empty: give an empty one, or --reuse a previous run's data.")
    if not args.reuse:
        started = time.perf_counter()
        seed(
            members=args.members,
            plans=args.plans,
            commitments=args.commitments,
            updates=args.updates,
            orgs=args.organizations,
        )
        print(f"seeded in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: index-only scans need it
    print(
        f"data: {Commitment.objects.count()} commitments, {StatusUpdate.objects.count()} status "
        f"updates, {ActionPlan.objects.count()} plans, {Member.objects.count()} members, "
        f"{Organization.objects.count()} organisations"
    )
    CompletionSnapshot.objects.filter(day__in=[SQL_DAY, NAIVE_DAY]).delete()
    sql_time, sql_queries = measure("SQL recompute", lambda: recompute_snapshots(day=SQL_DAY))
    measure("SQL recompute (repeat)", lambda: recompute_snapshots(day=SQL_DAY))
    print(f"snapshot rows per day: {CompletionSnapshot.objects.filter(day=SQL_DAY).count()}")
    # Figures for every plan: today's (cached levels) against as of a past day and on a chosen IRM
    # basis (from the dated records, commitments.figures.as_of.levels_from_records), one query each.
    everything = Commitment.objects.all()
    past = datetime.date(2018, 6, 30)
    plain = ("action_plan__ogp_id", "action_plan__title")
    medians = rounds(
        {
            "figures per plan, today": lambda: completion_by(everything, "action_plan"),
            # Today's figures as they were computed before they said which IRM report they count
            # (no irm_basis): the reference the 3x target was first set against.
            "  (today without irm_basis, for reference)": lambda: list(
                everything.order_by().values(*plain).annotate(**_aggregates())
            ),
            f"figures per plan, as of {past}": lambda: completion_by(
                everything, "action_plan", day=past
            ),
            "figures per plan, progress": lambda: completion_by(
                everything, "action_plan", irm_report="progress"
            ),
        },
        args.rounds,
    )
    today_time = medians["figures per plan, today"]
    as_of_time = medians[f"figures per plan, as of {past}"]
    reference = medians["  (today without irm_basis, for reference)"]
    print(f"as-of / today: {as_of_time / today_time:.2f}x (target: at most 3x; medians)")
    print(f"as-of / today without irm_basis: {as_of_time / reference:.2f}x")
    print(f"irm_report=progress / today: {medians['figures per plan, progress'] / today_time:.2f}x")
    rebuilt = []
    measure(
        "history rebuild since 2012",
        lambda: rebuilt.append(rebuild_snapshots(since=datetime.date(2012, 1, 1))),
    )
    print(
        f"history: {rebuilt[0].days} days with a change, {rebuilt[0].rows} rows "
        "(target: under 60 s on PostgreSQL)"
    )
    for day in (datetime.date(2014, 3, 31), past, datetime.date(2021, 1, 15)):
        cached = {p.key: p.figures.as_dict() for p in snapshot_as_of(day, "action_plan")}
        computed = {
            g.key: {**g.figures.as_dict(), "irm_basis": None}
            for g in completion_by(everything, "action_plan", day=day)
        }
        for figures in computed.values():
            del figures["irm_basis"]
        if cached != computed:
            sys.exit(f"The rebuilt history disagrees with the as-of figures on {day}.")
    print("rebuilt history equals the as-of figures on 3 sample days: True")
    if args.skip_naive:
        return
    naive_time, naive_queries = measure(
        "naive per-commitment loop", lambda: naive_recompute(NAIVE_DAY)
    )
    same = rows_of(SQL_DAY) == rows_of(NAIVE_DAY)
    print(f"same rows from both: {same}")
    print(
        f"ratio: {naive_time / sql_time:.1f}x faster, "
        f"{naive_queries / sql_queries:.0f}x fewer queries"
    )
    if not same:
        sys.exit("The two computations disagree.")


if __name__ == "__main__":
    main()
