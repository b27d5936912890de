"""Under `make mutate` only: the order in which a mutant's session runs its tests.

mutmut runs each mutant's tests with `-x`, fastest first by the `call` times it measured in its stats
run. A killed mutant costs what runs before the first failure. Two things make that order slow here:
- a test's cost is mostly its fixtures (`world`, an imported file), which mutmut does not measure, so
  a test that builds a whole world counts as instant;
- mutants of one function are mostly killed by the same few tests, wherever those sort.

So, in a mutant's session, the tests that killed an earlier mutant of the same function run first,
then the others by their whole cost (setup, call and teardown) as measured in the stats run. What
runs is unchanged: the same tests, and a survivor still runs them all. Files are kept in mutants/
beside mutmut's own records, so `rm -rf mutants` forgets them too.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

# mutants/, where mutmut runs every session (tests/ is copied into it).
FOLDER = Path(__file__).resolve().parents[1]
COSTS = FOLDER / "mutmut-test-costs.json"
KILLERS = FOLDER / "mutmut-killers"

_costs: dict[str, float] = {}
# mutmut's names for sessions that are not a mutant's: its forced failure and its own bookkeeping.
NOT_A_MUTANT = {"", "stats", "fail", "list_all_tests", "mutant_generation"}


def mutant() -> str:
    """Set by mutmut in every session it starts: "stats" for the stats run, a mutant's name
    otherwise. Read each time: mutmut forks each mutant's session from a process that imported
    this module during the stats run."""
    return os.environ.get("MUTANT_UNDER_TEST", "")


def function_of(mutant: str) -> str:
    """The mutated function a mutant belongs to: its name without `__mutmut_N`."""
    return re.sub(r"__mutmut_\d+$", "", mutant)


def killers_file(mutant: str) -> Path:
    return KILLERS / function_of(mutant)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    name = mutant()
    if name == "stats":
        _costs[report.nodeid] = _costs.get(report.nodeid, 0.0) + report.duration
    elif name not in NOT_A_MUTANT and report.failed:
        KILLERS.mkdir(exist_ok=True)
        # One short line in append mode: two workers appending to one file do not interleave.
        with killers_file(name).open("a") as killers:
            killers.write(report.nodeid + "\n")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if mutant() == "stats" and _costs:
        # mutmut reruns its stats for new tests only: keep what the earlier runs measured.
        known = json.loads(COSTS.read_text()) if COSTS.exists() else {}
        COSTS.write_text(json.dumps({**known, **_costs}))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    name = mutant()
    if name in NOT_A_MUTANT:
        return
    costs = json.loads(COSTS.read_text()) if COSTS.exists() else {}
    path = killers_file(name)
    killers = path.read_text().splitlines() if path.exists() else []
    # The most recent killer first: the later mutants of a function are most like the last one.
    rank: dict[str, int] = {}
    for nodeid in reversed(killers):
        rank.setdefault(nodeid, len(rank))
    items.sort(key=lambda item: (rank.get(item.nodeid, len(rank)), costs.get(item.nodeid, 0.0)))
