"""Print the mutation score and the surviving mutants of the last `mutmut run` (see `make mutate`).

Reads mutmut's own records (mutants/**/*.py.meta). With arguments, only the mutants whose names match
one of these globs (the same ones given to `mutmut run`) are counted.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter
from pathlib import Path

# mutmut's exit codes (mutmut/stats.py): what a mutant's test run ended with.
KILLED = {1, 3}
SURVIVED = {0}
NO_TESTS = {5, 33}
SKIPPED = {34}
TIMEOUT = {24, -24, 152, 255, 36}
TYPE_CHECK = {37}


def status(code: int | None) -> str:
    if code is None:
        return "not checked"
    for name, codes in (
        ("killed", KILLED),
        ("survived", SURVIVED),
        ("no tests", NO_TESTS),
        ("skipped", SKIPPED),
        ("timeout", TIMEOUT),
        ("caught by type check", TYPE_CHECK),
    ):
        if code in codes:
            return name
    return "suspicious"


def main(patterns: list[str]) -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("No mutation results: run `make mutate` first.")
        return 1
    by_file: dict[str, Counter] = {}
    survivors: list[str] = []
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        source = str(meta.relative_to("mutants"))[: -len(".meta")]
        for name, code in sorted(codes.items()):
            if patterns and not any(fnmatch.fnmatch(name, p) for p in patterns):
                continue
            state = status(code)
            by_file.setdefault(source, Counter())[state] += 1
            if state in {"survived", "no tests", "suspicious"}:
                survivors.append(f"{name}: {state}")
    total = Counter()
    print("Mutation score (killed, timeouts included, over mutants checked):")
    for source, counts in sorted(by_file.items()):
        total.update(counts)
        print(f"  {source:45} {score_line(counts)}")
    print(f"  {'TOTAL':45} {score_line(total)}")
    print(f"\nSurvivors ({len(survivors)}): see one with `.venv/bin/mutmut show NAME`")
    for line in survivors:
        print(f"  {line}")
    return 0


def score_line(counts: Counter) -> str:
    detected = counts["killed"] + counts["timeout"] + counts["caught by type check"]
    checked = sum(counts.values()) - counts["not checked"] - counts["skipped"]
    percent = f"{100 * detected / checked:5.1f} %" if checked else "    -  "
    return (
        f"{percent}  {detected}/{checked}  "
        f"(survived {counts['survived']}, no tests {counts['no tests']}, "
        f"not checked {counts['not checked']})"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
