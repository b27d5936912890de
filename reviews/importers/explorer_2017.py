"""The 2017 IRM Explorer table (`ogpirm_live_data.csv`): row 1 column numbers, row 2 names, data from 3.

It names countries, not codes, and carries no OGP ids: the writer numbers each member's commitments in
file order (PE0001...). Reports, methodology pre_2021: the progress report (design scales, mid-term
completion, three star columns) and the end-of-term report, each assessing a row only where that row
has a value (other than ND/NR/NA/empty) in one of the report's scale columns; a report exists for a
plan when one of its rows is assessed in it. The file's 69 rows with no IRM data at all (the plans the
IRM had not yet assessed in 2017, e.g. Norway 1, Malta 1) get no assessment.
The end-of-term assessment repeats the row's design scales (specificity, relevance, potential impact),
as the IRM's end-of-term reports did, so that its star can be computed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from commitments.models import ActionPlan
from reviews.models import ImportFormat, IRMReport, Methodology

from .common import ImportRowError, RowNotes, contact_values, is_missing, parse_int, parse_scale
from .headers import column_key
from .records import AssessmentRecord, CommitmentRecord
from .sheet import RELEVANT, TEXT_COLUMNS, SheetFormat

# The name the imported rows\' source file keeps (provenance, in English); an admin import run
# stores `code` and shows ImportFormat\'s label in the reader\'s language.
NAME = "IRM Explorer table (2017)"
HEADER_ROWS = 2
FIRST_FLAG, LAST_FLAG = "Anti-corruption", "Marginalized Communities"
VALUES = {
    "Value -Info": "access_to_information",
    "Value -Part": "civic_participation",
    "Value -Acc": "public_accountability",
    "Value -Tech": "technology_innovation",
}
PROGRESS_YEAR = "Report publication year (progress report)"
END_YEAR = "Report publication year (end of term)"
PROGRESS_STARS = {
    "pre_2014": "Starred (pre-June 2014 assessments)",
    "2015": "Starred (2015 only)",
    "current": "Starred (current formula) progress report",
}
END_STARS = {"current": "Starred (current formula) end of term"}
SPECIFICITY, IMPACT = "Specificity", "Potential impact"
SUBMITTED = "Year of submission"
CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE = "Contact Name", "Contact Email", "Contact Telephone"
PROGRESS_COMPLETION = "Completion (progress report)"
END_COMPLETION = "Completion (end of term)"
OPENED = "Did it open government (end of term only)"
REQUIRED = (
    "Country",
    "Action Plan Number",
    "Theme",
    "Comm No",
    *TEXT_COLUMNS,
    FIRST_FLAG,
    LAST_FLAG,
    "Cluster",
    SPECIFICITY,
    *VALUES,
    IMPACT,
    PROGRESS_COMPLETION,
    *PROGRESS_STARS.values(),
    PROGRESS_YEAR,
    END_YEAR,
    END_COMPLETION,
    OPENED,
    *END_STARS.values(),
)
# Columns read where the file has them.
OPTIONAL = (SUBMITTED, RELEVANT, CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE)


def detect(first_row: list[str], second_row: list[str] | None) -> bool:
    numbers = [column_key(c) for c in first_row if column_key(c)]
    return (
        bool(numbers)
        and all(c.isdigit() for c in numbers)
        and second_row is not None
        and {column_key("Country"), column_key("Comm No")} <= {column_key(c) for c in second_row}
    )


class ExplorerFormat(SheetFormat):
    name = NAME
    code = ImportFormat.EXPLORER_2017
    first_flag, last_flag = FIRST_FLAG, LAST_FLAG
    value_columns = VALUES
    columns = (*REQUIRED, *OPTIONAL)

    def row_id(self, cells: list[str]) -> str:
        cell = self.reader(cells)
        place = " ".join(
            part for part in (cell("Country").strip(), cell("Action Plan Number").strip()) if part
        )
        number = cell("Comm No").strip()
        return f"{place} {number}".strip() if number else place

    def parse(self, row: int, cells: list[str]) -> CommitmentRecord:
        cell = self.reader(cells)
        notes = RowNotes()

        member = self.countries(cell("Country"), row=row, column="Country")
        plan_number = parse_int(cell("Action Plan Number"), row=row, column="Action Plan Number")
        if not plan_number:
            raise ImportRowError(
                _("an action plan number from 1 up is required"),
                row=row,
                column="Action Plan Number",
            )
        title = self.title(cell, row)
        relevance = self.relevance(cell, notes)
        contacts, lead, supporting = self.institutions(cell)
        values = {
            **self.texts(cell, notes, row=row, number="Comm No", title=title, relevance=relevance),
            **contact_values(
                contacts,
                name=self._optional(cell, CONTACT_NAME),
                email=self._optional(cell, CONTACT_EMAIL),
                phone=self._optional(cell, CONTACT_PHONE),
            ),
        }
        if values["cluster"].casefold() == "none":  # the 2017 table's word for no cluster
            values["cluster"] = ""
        design = {
            **relevance,
            **self._scales(
                cell, row, {SPECIFICITY: "specificity", IMPACT: "potential_impact"}, notes
            ),
        }

        def report(
            kind: str, year: str, scales: dict[str, str], stars: dict[str, str]
        ) -> AssessmentRecord:
            """The assessment of one report: the design scales and the report's own `scales`."""
            return AssessmentRecord(
                kind=kind,
                methodology=Methodology.PRE_2021,
                publication_year=parse_int(cell(year), row=row, column=year, notes=notes),
                values={**design, **self._scales(cell, row, scales, notes)},
                source_stars={k: cell(c).strip() for k, c in stars.items()},
            )

        assessments = []
        if not all(is_missing(cell(c)) for c in (SPECIFICITY, IMPACT, PROGRESS_COMPLETION)):
            assessments.append(
                report(
                    IRMReport.Kind.PROGRESS,
                    PROGRESS_YEAR,
                    {PROGRESS_COMPLETION: "completion"},
                    PROGRESS_STARS,
                )
            )
        if not all(is_missing(cell(c)) for c in (END_COMPLETION, OPENED)):
            assessments.append(
                report(
                    IRMReport.Kind.END_OF_TERM,
                    END_YEAR,
                    {END_COMPLETION: "completion", OPENED: "opened_government"},
                    END_STARS,
                )
            )
        return CommitmentRecord(
            row=row,
            member=member,
            plan_number=plan_number,
            plan_ogp_id=ActionPlan.make_ogp_id(member.code, plan_number),
            ogp_id=None,
            values=values,
            lead=lead,
            supporting=supporting,
            policy_areas=self.policy_areas(cell, notes),
            assessments=assessments,
            warnings=notes.items,
            plan_values={
                "submission_year": parse_int(
                    cell(SUBMITTED), row=row, column=SUBMITTED, notes=notes
                )
                if SUBMITTED in self.index
                else None
            },
        )

    def _optional(self, cell, column: str) -> str:
        return cell(column) if column in self.index else ""

    @staticmethod
    def _scales(cell, row: int, columns: dict[str, str], notes: RowNotes) -> dict[str, str]:
        values: dict[str, str] = {}
        for column, scale in columns.items():
            values[scale], values[f"{scale}_label"] = parse_scale(
                scale, cell(column), row=row, column=column, notes=notes
            )
        return values
