"""OGP's current commitments sheet (171 columns, header on row 1, data from row 2).

It carries OGP's ids (`Commitment Unique Identifier`, `Action Plan ID`), a `Code` (ISO alpha-3 for a
nation, OGP's own code for a local member) and `National Or Local`. A local member's country is read
from `Country/Locality` written "Locality, Country"; its commitment prefix is the letters of its ids.

Reports, by generation, each only where the row has data for it:
- before 2021: progress (Specificity, Potential Impact, Completion (Progress Report), star columns)
  and end of term (Completion (End Of Term), Did It Open Government (Overall));
- from 2021 (a row with Verifiable, Potential for Results or Early Results): action plan review
  (Verifiable, Potential for Results) and results (Early Results, and that row's end-of-term
  completion and "did it open government").
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from commitments.models import ActionPlan
from reviews.models import IRMReport, Methodology

from .common import (
    AssessmentRecord,
    CommitmentRecord,
    ImportRowError,
    MemberSpec,
    clean_text,
    date_fields,
    is_missing,
    parse_flag,
    parse_int,
    parse_scale,
)
from .members import local_member, national_member
from .organizations import split_lead, split_supporting
from .sheet import SheetFormat

NAME = "OGP commitments sheet (current)"
HEADER_ROWS = 1
ID = "Commitment Unique Identifier"
PLACE = "Country/Locality"
PLAN_NUMBER, PLAN_ID, CODE, LEVEL = (
    "Action Plan Number",
    "Action Plan ID",
    "Code",
    "National Or Local",
)
FIRST_FLAG, LAST_FLAG = "Anti-Corruption and Integrity", "Money in Politics"
VALUES = {
    "OGP Value Access To Information": "access_to_information",
    "OGP Value Civic Participation": "civic_participation",
    "OGP Value Public Accountability": "public_accountability",
    "OGP Value Technology": "technology_innovation",
}
PROGRESS_YEAR = "Report Publication Year (Progress Report)"
END_YEAR = "Report Publication Year (End Of Term)"
PROGRESS = {
    "Specificity": "specificity",
    "Potential Impact": "potential_impact",
    "Completion (Progress Report)": "completion",
}
END = {
    "Completion (End Of Term)": "completion",
    "Did It Open Government (Overall)": "opened_government",
}
REVIEW = {"Verifiable": "verifiable", "Potential for Results": "potential_for_results"}
EARLY = {"Early Results": "early_results"}
PROGRESS_STARS = {
    "2015": "Starred (2015 Only)",
    "current": "Starred (Current Formula) Progress Report",
}
END_STARS = {"current": "Starred (Current Formula) End of Term"}
REQUIRED = (
    ID,
    PLACE,
    PLAN_NUMBER,
    "Commitment Number",
    CODE,
    LEVEL,
    "Theme",
    "Commitment Title",
    "Short Title",
    "Full Text",
    "Start Date",
    "End Date",
    "Lead Institution",
    "Supporting Institution(s)",
    FIRST_FLAG,
    LAST_FLAG,
    "Cluster",
    *VALUES,
    *PROGRESS,
    *END,
    *REVIEW,
    *EARLY,
    *PROGRESS_STARS.values(),
    *END_STARS.values(),
    PROGRESS_YEAR,
    END_YEAR,
    PLAN_ID,
)
_ID = re.compile(r"([A-Z]{2,3})[0-9]{4}")


def detect(first_row: list[str]) -> bool:
    return ID in {c.strip() for c in first_row}


class CurrentSheetFormat(SheetFormat):
    name = NAME
    first_flag, last_flag = FIRST_FLAG, LAST_FLAG

    def parse(self, row: int, cells: list[str]) -> CommitmentRecord:
        cell = self.reader(cells)

        ogp_id = cell(ID).strip()
        match = _ID.fullmatch(ogp_id)
        if not match:
            raise ImportRowError(
                _(
                    "“%(id)s” is not an OGP commitment id (2 or 3 capitals and 4 digits, e.g. PE0074)"
                )
                % {"id": ogp_id},
                row=row,
                column=ID,
            )
        member = self._member(cell, row, prefix=match[1])
        plan_number = parse_int(cell(PLAN_NUMBER), row=row, column=PLAN_NUMBER)
        if not plan_number:
            raise ImportRowError(
                _("an action plan number from 1 up is required"), row=row, column=PLAN_NUMBER
            )
        plan_id = ActionPlan.make_ogp_id(member.code, plan_number)
        if cell(PLAN_ID).strip() and cell(PLAN_ID).strip() != plan_id:
            raise ImportRowError(
                _("“%(given)s” does not match the code and plan number (%(expected)s)")
                % {"given": cell(PLAN_ID).strip(), "expected": plan_id},
                row=row,
                column=PLAN_ID,
            )
        title = cell("Commitment Title").strip() or cell("Short Title").strip()
        if not title:
            raise ImportRowError(
                _("the commitment has no title"), row=row, column="Commitment Title"
            )
        warnings: list[str] = []
        relevance = {
            f"relevant_{value}": parse_flag(cell(column), row=row, column=column)
            for column, value in VALUES.items()
        }
        values = {
            "number": clean_text(cell("Commitment Number")),
            "title": title,
            "short_title": cell("Short Title").strip(),
            "full_text": clean_text(cell("Full Text")),
            "theme": clean_text(cell("Theme")),
            "cluster": clean_text(cell("Cluster")),
            **date_fields(cell("Start Date"), cell("End Date"), warnings),
            **{f"value_{v}": bool(relevance[f"relevant_{v}"]) for v in VALUES.values()},
        }
        return CommitmentRecord(
            row=row,
            member=member,
            plan_number=plan_number,
            plan_ogp_id=plan_id,
            ogp_id=ogp_id,
            values=values,
            lead=split_lead(cell("Lead Institution")),
            supporting=split_supporting(cell("Supporting Institution(s)")),
            policy_areas=[
                name for name in self.flags if parse_flag(cell(name), row=row, column=name)
            ],
            assessments=self._assessments(cell, row, relevance),
            warnings=warnings,
        )

    def _member(self, cell, row: int, *, prefix: str) -> MemberSpec:
        level = cell(LEVEL).strip().casefold()
        if level == "national":
            return national_member(cell(CODE), cell(PLACE), row=row, column=CODE)
        if level != "local":
            raise ImportRowError(
                _("expected National or Local, found “%(value)s”") % {"value": cell(LEVEL).strip()},
                row=row,
                column=LEVEL,
            )
        place = " ".join(cell(PLACE).split())
        if "," not in place:
            raise ImportRowError(
                _("a local member is written “Locality, Country”; found “%(place)s”")
                % {"place": place},
                row=row,
                column=PLACE,
            )
        country = self.countries(place.rsplit(",", 1)[1], row=row, column=PLACE)
        return local_member(cell(CODE), place, prefix, country, row=row, column=CODE)

    def _assessments(self, cell, row: int, relevance: dict) -> list[AssessmentRecord]:
        def scales(columns: dict[str, str]) -> dict[str, object]:
            values: dict[str, object] = {}
            for column, scale in columns.items():
                if scale == "verifiable":
                    values[scale] = parse_flag(cell(column), row=row, column=column)
                    values[f"{scale}_label"] = cell(column).strip()
                else:
                    values[scale], values[f"{scale}_label"] = parse_scale(
                        scale, cell(column), row=row, column=column
                    )
            return values

        def has_data(columns: dict[str, str]) -> bool:
            return not all(is_missing(cell(c)) for c in columns)

        def year(column: str) -> int | None:
            return parse_int(cell(column), row=row, column=column)

        def stars(columns: dict[str, str]) -> dict[str, str]:
            return {k: cell(c).strip() for k, c in columns.items()}

        new_generation = has_data(REVIEW) or has_data(EARLY)
        design = {
            **relevance,
            **scales({"Specificity": "specificity", "Potential Impact": "potential_impact"}),
        }
        records = []
        if has_data(PROGRESS):
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.PROGRESS,
                    Methodology.PRE_2021,
                    year(PROGRESS_YEAR),
                    {**design, **scales({"Completion (Progress Report)": "completion"})},
                    stars(PROGRESS_STARS),
                )
            )
        if has_data(END) and not new_generation:
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.END_OF_TERM,
                    Methodology.PRE_2021,
                    year(END_YEAR),
                    {**design, **scales(END)},
                    stars(END_STARS),
                )
            )
        if has_data(REVIEW):
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.ACTION_PLAN_REVIEW,
                    Methodology.FROM_2021,
                    year(PROGRESS_YEAR),
                    {**relevance, **scales(REVIEW)},
                )
            )
        if new_generation and (has_data(EARLY) or has_data(END)):
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.RESULTS,
                    Methodology.FROM_2021,
                    year(END_YEAR),
                    scales({**EARLY, **END}),
                )
            )
        return records
