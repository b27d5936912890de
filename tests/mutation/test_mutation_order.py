"""`make mutate`'s test order (tests/mutmut_order.py): a mutant's session runs first the tests that
killed an earlier mutant of its function, then the others cheapest first by their whole measured
cost; the stats run measures that cost; `make test` is left alone."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from tests import mutmut_order

MUTANT = "reviews.importers.writer.xǁWriterǁsettle__mutmut_12"


@pytest.fixture
def records(tmp_path, monkeypatch):
    monkeypatch.setattr(mutmut_order, "COSTS", tmp_path / "costs.json")
    monkeypatch.setattr(mutmut_order, "KILLERS", tmp_path / "killers")
    monkeypatch.setattr(mutmut_order, "_costs", {})
    return tmp_path


def report(nodeid: str, *, duration: float = 0.0, failed: bool = False) -> SimpleNamespace:
    return SimpleNamespace(nodeid=nodeid, duration=duration, failed=failed)


def ordered(names: list[str]) -> list[str]:
    items = [SimpleNamespace(nodeid=name) for name in names]
    mutmut_order.pytest_collection_modifyitems(items)
    return [item.nodeid for item in items]


def test_stats_run_measures_setup_call_and_teardown(records, monkeypatch):
    monkeypatch.setenv("MUTANT_UNDER_TEST", "stats")
    for phase_cost in (2.0, 0.01, 0.5):  # a fixture that imports a file, a fast call, teardown
        mutmut_order.pytest_runtest_logreport(report("t::world", duration=phase_cost))
    mutmut_order.pytest_runtest_logreport(report("t::cheap", duration=0.1))
    mutmut_order.pytest_sessionfinish(None)
    assert json.loads((records / "costs.json").read_text()) == {"t::world": 2.51, "t::cheap": 0.1}


def test_a_mutant_runs_killers_of_its_function_first_then_cheapest(records, monkeypatch):
    (records / "costs.json").write_text(json.dumps({"a": 3.0, "b": 0.2, "c": 1.0, "d": 0.1}))
    monkeypatch.setenv("MUTANT_UNDER_TEST", MUTANT)
    assert ordered(["a", "b", "c", "d"]) == ["d", "b", "c", "a"]

    # mutant 12 fails on c: c is the first test of every later mutant of `settle`...
    mutmut_order.pytest_runtest_logreport(report("c", failed=True))
    mutmut_order.pytest_runtest_logreport(report("b"))  # a passing test is no killer
    monkeypatch.setenv("MUTANT_UNDER_TEST", MUTANT.replace("_12", "_13"))
    assert ordered(["a", "b", "c", "d"]) == ["c", "d", "b", "a"]
    # ...and the latest killer before the earlier ones.
    mutmut_order.pytest_runtest_logreport(report("a", failed=True))
    assert ordered(["a", "b", "c", "d"]) == ["a", "c", "d", "b"]

    # Another function's mutants keep the cost order.
    monkeypatch.setenv("MUTANT_UNDER_TEST", "reviews.importers.writer.xǁWriterǁadd__mutmut_1")
    assert ordered(["a", "b", "c", "d"]) == ["d", "b", "c", "a"]


@pytest.mark.parametrize("session", ["", "fail", "stats", "list_all_tests"])
def test_sessions_that_are_no_mutant_keep_their_order_and_record_no_killer(
    records, monkeypatch, session
):
    (records / "costs.json").write_text(json.dumps({"a": 3.0, "b": 0.2}))
    monkeypatch.setenv("MUTANT_UNDER_TEST", session)
    mutmut_order.pytest_runtest_logreport(report("a", failed=True))
    assert ordered(["a", "b"]) == ["a", "b"]
    assert not (records / "killers").exists()


def test_make_test_is_left_alone(records, monkeypatch):
    monkeypatch.delenv("MUTANT_UNDER_TEST", raising=False)
    mutmut_order.pytest_runtest_logreport(report("a", duration=1.0, failed=True))
    mutmut_order.pytest_sessionfinish(None)
    assert ordered(["b", "a"]) == ["b", "a"]
    assert list(records.iterdir()) == []
