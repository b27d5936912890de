"""Where the time of a `make mutate` run goes: test seconds per mutated module, and the costliest tests.

Reads mutmut's records of a run (mutants/mutmut-stats.json and mutants/**/*.py.meta; pass another
mutants folder as the argument). For each mutant mutmut runs every test that reaches the mutated
function, so a function's cost is (its mutants) x (the summed durations of the tests reaching it).
That is the cost of mutants that survive; a killed mutant stops at its first failing test, so the
figures are an upper bound, and the right one for deciding which tests to make cheaper.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

TOP_TESTS = 20


def mutants_by_function(folder: Path) -> Counter:
    """The number of mutants of each mutated function, from the `.meta` file of each source file."""
    counts: Counter = Counter()
    for meta in folder.rglob("*.py.meta"):
        for name in json.loads(meta.read_text())["exit_code_by_key"]:
            counts[name.rsplit("__mutmut_", 1)[0]] += 1
    return counts


def module_of(function: str) -> str:
    """`reviews.importers.sheet.xǁSheetFormatǁ__init__` -> `reviews.importers.sheet`."""
    return function.rsplit(".", 1)[0]


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "mutants")
    stats_file = folder / "mutmut-stats.json"
    if not stats_file.exists():
        print(f"No {stats_file}: run `make mutate` first (or pass the mutants folder).")
        return 1
    stats = json.loads(stats_file.read_text())
    duration = stats["duration_by_test"]
    tests_by_function = stats["tests_by_mangled_function_name"]
    mutants = mutants_by_function(folder)

    by_module: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])  # mutants, functions, s
    by_test: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])  # functions, mutants, s
    for function, tests in tests_by_function.items():
        count = mutants.get(function, 0)
        seconds = sum(duration.get(test, 0.0) for test in set(tests))
        row = by_module[module_of(function)]
        row[0] += count
        row[1] += 1
        row[2] += count * seconds
        for test in set(tests):
            row = by_test[test]
            row[0] += 1
            row[1] += count
            row[2] += count * duration.get(test, 0.0)

    total = sum(row[2] for row in by_module.values())
    print("Test time per mutated module (mutants x seconds of the tests reaching each function):")
    print(f"  {'module':45} {'mutants':>7} {'functions':>9} {'hours':>7} {'share':>6}")
    for module, (count, functions, seconds) in sorted(by_module.items(), key=lambda kv: -kv[1][2]):
        share = 100 * seconds / total if total else 0.0
        print(f"  {module:45} {count:7} {functions:9} {seconds / 3600:7.2f} {share:5.1f}%")
    print(
        f"  {'TOTAL':45} {sum(r[0] for r in by_module.values()):7} {len(tests_by_function):9} "
        f"{total / 3600:7.2f}"
    )

    print(f"\nThe {TOP_TESTS} costliest tests (own seconds x mutants of the functions they reach):")
    print(f"  {'hours':>6} {'share':>6} {'own s':>6} {'funcs':>5} {'mutants':>7}  test")
    ranked = sorted(by_test.items(), key=lambda kv: -kv[1][2])[:TOP_TESTS]
    for test, (functions, count, seconds) in ranked:
        share = 100 * seconds / total if total else 0.0
        print(
            f"  {seconds / 3600:6.2f} {share:5.1f}% {duration.get(test, 0.0):6.2f} "
            f"{functions:5} {count:7}  {test}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
