"""The IRM process-database import: every row lands, levels are normalised, all or nothing."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from commitments.models import ActionPlan, Member, PlanProcess
from reviews.importers.process import normalize_level
from tests.conftest import PROCESS_CSV
from tests.factories import ActionPlanFactory, MemberFactory

pytestmark = pytest.mark.django_db
DATA_ROWS = 116  # 122 lines: numbers, group header, names, blank, group header again, names again


@pytest.fixture
def process_csv() -> Path:
    assert PROCESS_CSV.exists(), f"The shared IRM dataset is missing: {PROCESS_CSV}"
    return PROCESS_CSV


def run(path: Path, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    with translation.override("en"):  # the summary speaks the operator's language
        call_command("import_ogp_process", str(path), *args, stdout=out)
    return out.getvalue()


def test_every_row_is_imported_creating_missing_members_and_plans(process_csv):
    peru = MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Peru")
    existing = ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    output = run(process_csv)
    assert f"{DATA_ROWS} plans read; process data created {DATA_ROWS}" in output
    assert PlanProcess.objects.count() == DATA_ROWS
    assert ActionPlan.objects.count() == DATA_ROWS
    assert Member.objects.count() == 61
    assert existing.process.source_row == 92  # matched, not duplicated
    peru2 = ActionPlan.objects.get(ogp_id="AP_PER02").process
    assert peru2.irm_year_submitted == 2015
    assert peru2.irm_multi_agency is True
    assert peru2.irm_raw["Country name"] == "Peru"
    uk = Member.objects.get(code="GBR")
    assert (uk.iso_alpha2, uk.name) == ("GB", "United Kingdom")
    assert Member.objects.get(code="MKD").name == "Macedonia"


def test_levels_are_normalised_and_labels_kept(process_csv):
    run(process_csv)
    development = Counter(PlanProcess.objects.values_list("irm_development_level", flat=True))
    assert development == {"": 70, "consult": 26, "collaborate": 9, "involve": 8, "inform": 3}
    implementation = Counter(PlanProcess.objects.values_list("irm_implementation_level", flat=True))
    assert implementation == {"": 86, "involve": 9, "collaborate": 8, "inform": 7, "consult": 6}
    albania2 = PlanProcess.objects.get(action_plan__ogp_id="AP_ALB02")
    assert (albania2.irm_development_level, albania2.irm_development_level_label) == (
        "consult",
        "Consult",
    )
    assert albania2.irm_implementation_level_label == "NA"
    assert albania2.irm_days_in_advance == 17
    assert albania2.irm_steps_followed == 4
    assert albania2.irm_development_participation == "Open"
    assert albania2.irm_timeline_available is False
    assert albania2.irm_advance_notice is True


@pytest.mark.parametrize(
    ("label", "value"),
    [
        ("Consult", "consult"),
        (" COLLABORATE ", "collaborate"),
        ("em power", "empower"),
        ("inform", "inform"),
        ("NR", ""),
        ("nd", ""),
        ("", ""),
    ],
)
def test_level_labels_normalise_case_and_space_insensitively(label, value):
    assert normalize_level(label) == value


def test_second_run_changes_nothing(process_csv):
    run(process_csv)
    history = PlanProcess.history.count()
    output = run(process_csv)
    assert f"unchanged {DATA_ROWS}" in output
    assert PlanProcess.history.count() == history


def test_dry_run_writes_nothing(process_csv):
    output = run(process_csv, "--dry-run")
    assert "Dry run, nothing written" in output
    assert PlanProcess.objects.count() == 0
    assert Member.objects.count() == 0


def _copy_with(tmp_path: Path, source: Path, row: int, column: str, value: str) -> Path:
    with source.open(newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    lines[row - 1][lines[2].index(column)] = value
    target = tmp_path / source.name
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    return target


def test_bad_level_names_row_and_column_and_writes_nothing(process_csv, tmp_path):
    bad = _copy_with(tmp_path, process_csv, 8, "IAP2 level during development", "Co-decide")
    with pytest.raises(CommandError) as error:
        run(bad)
    message = str(error.value)
    assert "8, " in message  # the row, in the active language ("Row 8" / "Fila 8")
    assert "IAP2 level during development" in message
    assert "Co-decide" in message
    assert PlanProcess.objects.count() == 0
    assert Member.objects.count() == 0


def test_unknown_country_is_an_error(process_csv, tmp_path):
    bad = _copy_with(tmp_path, process_csv, 10, "Country name", "Atlantis")
    with pytest.raises(CommandError, match=r"10, [a-z]+ “Country name”.*Atlantis"):
        run(bad)
    assert ActionPlan.objects.count() == 0


def test_changed_row_updates_its_plan_only(process_csv, tmp_path):
    run(process_csv)
    changed = _copy_with(tmp_path, process_csv, 7, "IAP2 level during development", "Involve")
    output = run(changed)
    assert "updated 1, unchanged 115" in output
    process = PlanProcess.objects.get(action_plan__ogp_id="AP_ALB01")
    assert (process.irm_development_level, process.version) == ("involve", 2)
