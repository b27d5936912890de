"""A dash (a hyphen, an en or an em dash) or “n.a.” in a cell says what NA, ND and NR say: nothing there. The
institution columns already read “-” and “n.a.” as nobody named; the scale, flag and process
columns read them as unknown labels, so a row whose end-of-term cells were all dashes got an
end-of-term assessment rated nothing, a warning per cell, and a process file with one was refused
whole. “TBD” names no institution either (it made an organisation called “TBD”); as a rating it
is still an unknown label, warned about and kept."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Organization, PlanProcess
from reviews.models import Assessment, IRMReport

from ..accountability.test_process_import_cells import FULL, plan_row, write
from ..accountability.test_process_import_cells import run as run_process
from .conftest import run_import
from .test_dates_kept_as_text_are_warned import row as dated_row

pytestmark = pytest.mark.django_db

NOTHING = ["-", "\u2013", "\u2014", "n.a.", "N.A.", " N.A "]


def row(n: int, **cells: str) -> dict[str, str]:
    return {
        **dated_row(n, "", ""),
        "Year Of Submission": "2014",
        "Specificity": "High",
        "Potential Impact": "Moderate",
        "Completion (Progress Report)": "Limited",
        "Lead Institution": "Ministerio de Salud",
        **cells,
    }


@pytest.mark.parametrize("nothing", NOTHING)
def test_a_dash_or_na_in_the_report_columns_is_no_value_and_no_assessment(current_file, nothing):
    printed = run_import(
        current_file(
            [
                row(
                    1,
                    **{
                        "Completion (End Of Term)": nothing,
                        "Did It Open Government (Overall)": nothing,
                        "Potential Impact": nothing,
                        "OGP Value Access To Information": nothing,
                        "Anti-Corruption and Integrity": nothing,
                        "Supporting Institution(s)": nothing,
                    },
                )
            ]
        )
    )

    assessment = Assessment.objects.get()
    assert assessment.report.kind == IRMReport.Kind.PROGRESS
    assert (assessment.potential_impact, assessment.potential_impact_label) == ("", nothing.strip())
    assert "warning" not in printed
    commitment = Commitment.objects.get()
    assert not commitment.policy_areas.exists()
    assert list(Organization.objects.values_list("name", flat=True)) == ["Ministerio de Salud"]


def test_tbd_names_no_institution_and_stays_a_warned_label_as_a_rating(current_file):
    printed = run_import(
        current_file([row(1, **{"Lead Institution": "TBD", "Completion (Progress Report)": "TBD"})])
    )

    assert not Organization.objects.exists()
    assert Assessment.objects.get().completion_label == "TBD"
    assert "unknown label “TBD” kept as written, not rated" in printed


@pytest.mark.parametrize("nothing", NOTHING)
def test_a_process_file_with_dashes_or_na_imports_them_as_no_value(tmp_path, nothing):
    cells = {
        "IAP2 level during imp.": nothing,
        "Step 2: Advance notice": nothing,
        "Days in advance": nothing,
        "Invitation-only or open participation during dev. consultation": nothing,
    }

    run_process(write(tmp_path, FULL, [plan_row(**cells)]))

    process = PlanProcess.objects.get()
    assert process.irm_implementation_level == ""
    assert process.irm_implementation_level_label == nothing.strip()
    assert process.irm_advance_notice is None and process.irm_days_in_advance is None
    assert process.irm_development_participation == ""
