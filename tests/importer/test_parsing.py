"""The cell readers: dates never guessed, institutions split only when clearly a list."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from reviews.importers.common import ImportRowError, parse_scale
from reviews.importers.dates import parse_date
from reviews.importers.organizations import match_keys, split_acronym, split_lead, split_supporting


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("04/01/2012", (datetime.date(2012, 4, 1), "")),  # US month/day
        ("31/12/2014", (datetime.date(2014, 12, 31), "")),  # day > 12: day/month
        ("13/01/2014", (datetime.date(2014, 1, 13), "")),  # the first day that cannot be a month
        ("12/01/2014", (datetime.date(2014, 12, 1), "")),
        ("9/1/2018", (datetime.date(2018, 9, 1), "")),
        ("2014-07-01", (datetime.date(2014, 7, 1), "")),
        ("2012", (None, "2012")),  # a bare year is not a day
        ("July 2014", (None, "July 2014")),
        ("Quarter 2 2013", (None, "Quarter 2 2013")),
        ("Not Specified", (None, "Not Specified")),
        ("Ongoing", (None, "Ongoing")),
        ("NR", (None, "NR")),
        ("31/31/2014", (None, "31/31/2014")),  # not a date at all
        ("", (None, "")),
    ],
)
def test_dates_are_read_only_when_exact(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("scale", "raw", "expected"),
    [
        ("completion", "a. Not started", ("not_started", "a. Not started")),
        ("completion", "a. Not Started", ("not_started", "a. Not Started")),
        ("completion", "NR", ("", "NR")),
        ("specificity", "None", ("none", "None")),
        ("opened_government", "b. None", ("did_not_change", "b. None")),
        ("opened_government", "Worsens", ("worsened", "Worsens")),
        (
            "opened_government",
            "No early results to report yet",
            ("", "No early results to report yet"),
        ),
    ],
)
def test_scale_labels_are_normalised_and_kept_as_they_arrived(scale, raw, expected):
    assert parse_scale(scale, raw, row=3, column="x") == expected


def test_an_unknown_scale_label_is_an_error_with_row_and_column():
    with (
        translation.override("en"),
        pytest.raises(ImportRowError, match="row 7, column “Specificity”"),
    ):
        parse_scale("specificity", "very", row=7, column="Specificity")


def test_lead_is_one_institution_unless_clearly_a_list():
    assert split_lead("Ministry of Justice, Dialogue and the Family") == [
        "Ministry of Justice, Dialogue and the Family"
    ]
    assert split_lead("Ministerio de Energía y Minas") == ["Ministerio de Energía y Minas"]
    assert split_lead("Ministry of Justice; High Council of Justice") == [
        "Ministry of Justice",
        "High Council of Justice",
    ]
    assert split_lead(
        "Secretaria de la Gestión Pública (SGP), Ministerio Energía y Minas, "
        "Autoridad Nacional del Servicio Civil (SERVIR)"
    ) == [
        "Secretaria de la Gestión Pública (SGP)",
        "Ministerio Energía y Minas",
        "Autoridad Nacional del Servicio Civil (SERVIR)",
    ]
    assert split_lead(
        "Contraloría General de la República y Secretaría de Gestión Pública (SGP)"
    ) == [
        "Contraloría General de la República",
        "Secretaría de Gestión Pública (SGP)",
    ]
    assert split_lead("None Specified") == []


def test_supporting_cell_splits_on_semicolons_and_line_breaks():
    assert split_supporting("A agency; B office\nC council, D board") == [
        "A agency",
        "B office",
        "C council, D board",
    ]


def test_spellings_of_one_institution_share_a_key():
    keys = [
        set(match_keys(s))
        for s in (
            "Secretaría de Gestión Pública (SGP)",
            "Secretaria de Gestión Pública (SGP)",
            "Secretaria de la Gestión Pública (SGP), ".strip(" ,"),
        )
    ]
    assert set.intersection(*keys)
    assert split_acronym("Secretaría de Gestión Pública (SGP)") == (
        "Secretaría de Gestión Pública",
        "SGP",
    )
    assert split_acronym("Office (General Services Administration)")[1] == ""
