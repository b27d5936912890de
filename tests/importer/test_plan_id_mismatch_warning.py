"""A row whose Action Plan ID disagrees with its code and plan number is filed under the plan the
code and number name, and the warning says so in full: what was given and where it went."""

from __future__ import annotations

import pytest

from tests.importer.conftest import run_import
from tests.importer.test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "warning: column “Action Plan ID”: “AP_PER02” does not match the code and plan "
            "number: filed under AP_PER03 (1 row: 3 (PE0075))",
        ),
        (
            "es",
            "advertencia: columna “Action Plan ID”: “AP_PER02” no coincide con el código y el "
            "número de plan: se registra en AP_PER03 (1 fila: 3 (PE0075))",
        ),
    ],
)
def test_the_mismatch_warning_names_the_id_given_and_the_plan_filed_under(
    current_file, language, expected
):
    rows = [dict(row) for row in ROWS]
    rows[1]["Action Plan ID"] = "AP_PER02"

    printed = run_import(current_file(rows), language=language)

    warning = next(line for line in printed.splitlines() if "AP_PER02" in line)
    assert warning.strip() == expected
