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
from reviews.models import ImportFormat, IRMReport, Methodology

from .common import (
    ImportRowError,
    RowNotes,
    contact_values,
    is_missing,
    parse_flag,
    parse_int,
    parse_scale,
)
from .headers import column_key
from .members import local_member, national_member, other_member
from .records import AssessmentRecord, CommitmentRecord, MemberSpec
from .sheet import RELEVANT, TEXT_COLUMNS, SheetFormat

# The name the imported rows\' source file keeps (provenance, in English); an admin import run
# stores `code` and shows ImportFormat\'s label in the reader\'s language.
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
    *TEXT_COLUMNS,
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
SUBMITTED, PLAN_END, URL = "Year Of Submission", "Action Plan End Year", "URL"
# Columns read where the file has them.
OPTIONAL = (SUBMITTED, PLAN_END, URL, RELEVANT)
# OGP's ids: the member's prefix as OGP writes it (PE, UK, MO, PNG, XK; never checked against ISO)
# and a number.
_ID = re.compile(r"([A-Z]{2,6})[0-9]{4}")
# A place ending in brackets: “Buenos Aires (AR)”, “Buenos Aires (Argentina)”.
_BRACKETED = re.compile(r".+\(([^()]+)\)")
# Plans submitted from this year on are assessed under the 2021 methodology (Action Plan Review and
# Results Report); 2018-2019 plans got a design and an implementation report; earlier ones a
# progress and an end-of-term report.
FROM_2021_SINCE, DESIGN_REPORTS_SINCE = 2020, 2018


def detect(first_row: list[str]) -> bool:
    return column_key(ID) in {column_key(c) for c in first_row}


class CurrentSheetFormat(SheetFormat):
    name = NAME
    code = ImportFormat.CURRENT_SHEET
    first_flag, last_flag = FIRST_FLAG, LAST_FLAG
    value_columns = VALUES
    columns = (*REQUIRED, *OPTIONAL)

    def row_id(self, cells: list[str]) -> str:
        return self.reader(cells)(ID).strip()

    def parse(self, row: int, cells: list[str]) -> CommitmentRecord:
        cell = self.reader(cells)
        notes = RowNotes()

        raw_id = cell(ID).strip()
        ogp_id = raw_id.upper().replace(" ", "")
        match = _ID.fullmatch(ogp_id)
        if not match:
            notes.warn(
                ID,
                _("“%(id)s” is not an OGP commitment id: the row gets a provisional id")
                % {"id": raw_id}
                if raw_id
                else _("no commitment id: the row gets a provisional id"),
            )
            ogp_id = None
        plan_number = parse_int(cell(PLAN_NUMBER), row=row, column=PLAN_NUMBER, required=True)
        if not plan_number:
            raise ImportRowError(
                _("an action plan number from 1 up is required"), row=row, column=PLAN_NUMBER
            )
        member = self._member(cell, row, match[1] if match else "", plan_number, notes)
        plan_id = ActionPlan.make_ogp_id(member.code, plan_number)
        if cell(PLAN_ID).strip() and cell(PLAN_ID).strip() != plan_id:
            notes.warn(
                PLAN_ID,
                _("“%(given)s” does not match the code and plan number: filed under %(expected)s")
                % {"given": cell(PLAN_ID).strip(), "expected": plan_id},
            )
        title = self.title(cell, row)
        relevance = self.relevance(cell, notes)
        contacts, lead, supporting = self.institutions(cell)
        plan_end = self._year(cell, PLAN_END, row, notes)
        values = {
            **contact_values(contacts),
            **self.texts(
                cell,
                notes,
                row=row,
                number="Commitment Number",
                title=title,
                relevance=relevance,
                plan_end_year=plan_end,
            ),
        }
        if URL in self.index:
            values["url"] = self._url(cell(URL), row, notes)
        submitted = self._year(cell, SUBMITTED, row, notes)
        return CommitmentRecord(
            row=row,
            member=member,
            plan_number=plan_number,
            plan_ogp_id=plan_id,
            ogp_id=ogp_id,
            values=values,
            lead=lead,
            supporting=supporting,
            policy_areas=self.policy_areas(cell, notes),
            assessments=self._assessments(cell, row, relevance, submitted, notes),
            warnings=notes.items,
            plan_values={
                "submission_year": submitted,
                "end_year": plan_end,
            },
        )

    def _year(self, cell, column: str, row: int, notes: RowNotes) -> int | None:
        if column not in self.index:
            return None
        year = parse_int(cell(column), row=row, column=column, notes=notes)
        if year is not None and not 2011 <= year <= 2100:
            notes.warn(column, _("implausible year %(year)d: read as unknown") % {"year": year})
            return None
        return year

    @staticmethod
    def _url(raw: str, row: int, notes: RowNotes) -> str:
        url = raw.strip()
        if is_missing(url):
            return ""
        if not re.fullmatch(r"https?://\S+", url) or len(url) > 500:
            notes.warn(URL, _("“%(url)s” is not a web address: left out") % {"url": url[:80]})
            return ""
        return url

    def _member(self, cell, row: int, prefix: str, plan_number: int, notes: RowNotes) -> MemberSpec:
        """The member from `Code`, `Country/Locality` and `National Or Local`. A level other than
        national or local (OGP's "legacy" local members say local in other words; some members are
        neither) is kept as written in the warning and read as "other"; a code that is already a
        member's files the row under that member as it is (`Parents.member` says so). A local
        member's country follows the last comma of its place, or is in brackets at its end."""
        raw_level = " ".join(cell(LEVEL).split())
        level = raw_level.casefold()
        place = " ".join(cell(PLACE).split())
        if level == "national":
            return national_member(cell(CODE), place, prefix, row=row, column=CODE, notes=notes)
        if "local" in level:
            if level != "local":
                notes.warn(LEVEL, _("“%(value)s” read as Local") % {"value": raw_level})
            country, written = None, ""
            if "," in place:
                written = place.rsplit(",", 1)[1].strip()
                country = self.countries.find(written)
            if country is None and (bracketed := _BRACKETED.fullmatch(place)):
                written = bracketed[1].strip()
                country = self.countries.find(written)  # “Buenos Aires (AR)”
            if country is not None:
                if len(written) == 2:
                    # Two letters may be a state's or province's (MG, Minas Gerais; CA,
                    # California) as much as ISO's code of a country (Madagascar, Canada).
                    notes.warn(
                        PLACE,
                        _(
                            "“%(code)s” read as ISO's two-letter code of %(country)s: the member "
                            "is local to %(country)s (write the country's name if it is another)"
                        )
                        % {"code": written, "country": country.name},
                    )
                return local_member(cell(CODE), place, prefix, country, row=row, column=CODE)
            notes.warn(
                PLACE,
                _(
                    "a local member is written “Locality, Country”; found “%(place)s”: "
                    "read as another kind of member"
                )
                % {"place": place},
            )
        else:
            notes.warn(
                LEVEL,
                _("“%(value)s” is neither National nor Local: read as another kind of member")
                % {"value": raw_level},
            )
        return other_member(cell(CODE), place, prefix, row=row, column=CODE)

    def _assessments(
        self, cell, row: int, relevance: dict, submitted: int | None, notes: RowNotes
    ) -> list[AssessmentRecord]:
        def scales(columns: dict[str, str]) -> dict[str, object]:
            values: dict[str, object] = {}
            for column, scale in columns.items():
                if scale == "verifiable":
                    values[scale] = parse_flag(cell(column), column=column, notes=notes)
                    values[f"{scale}_label"] = cell(column).strip()
                else:
                    values[scale], values[f"{scale}_label"] = parse_scale(
                        scale, cell(column), row=row, column=column, notes=notes
                    )
            return values

        def has_data(columns: dict[str, str]) -> bool:
            return not all(is_missing(cell(c)) for c in columns)

        def year(column: str) -> int | None:
            return parse_int(cell(column), row=row, column=column, notes=notes)

        def stars(columns: dict[str, str]) -> dict[str, str]:
            return {k: cell(c).strip() for k, c in columns.items()}

        # The methodology follows the plan's cycle (its submission year), never which columns
        # happen to be filled: OGP filled `Verifiable` for older plans too. Without a year, only
        # the 2021 methodology's own results columns say it.
        if submitted is not None:
            new_generation = submitted >= FROM_2021_SINCE
        else:
            new_generation = has_data(EARLY) or has_data({"Potential for Results": ""})
        if new_generation:
            return self._new_generation(has_data, scales, year, relevance)
        first, second = (
            (IRMReport.Kind.DESIGN, IRMReport.Kind.IMPLEMENTATION)
            if submitted is not None and submitted >= DESIGN_REPORTS_SINCE
            else (IRMReport.Kind.PROGRESS, IRMReport.Kind.END_OF_TERM)
        )
        design = {
            **relevance,
            **scales({"Specificity": "specificity", "Potential Impact": "potential_impact"}),
        }
        if has_data({"Verifiable": ""}):
            design.update(scales({"Verifiable": "verifiable"}))
        records = []
        if has_data(PROGRESS):
            records.append(
                AssessmentRecord(
                    first,
                    Methodology.PRE_2021,
                    year(PROGRESS_YEAR),
                    {**design, **scales({"Completion (Progress Report)": "completion"})},
                    stars(PROGRESS_STARS),
                )
            )
        if has_data(END):
            records.append(
                AssessmentRecord(
                    second,
                    Methodology.PRE_2021,
                    year(END_YEAR),
                    {**design, **scales(END)},
                    stars(END_STARS),
                )
            )
        return records

    @staticmethod
    def _new_generation(has_data, scales, year, relevance) -> list[AssessmentRecord]:
        records = []
        if has_data(REVIEW):
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.ACTION_PLAN_REVIEW,
                    Methodology.FROM_2021,
                    year(PROGRESS_YEAR),
                    {**relevance, **scales(REVIEW)},
                )
            )
        if has_data(EARLY) or has_data(END):
            records.append(
                AssessmentRecord(
                    IRMReport.Kind.RESULTS,
                    Methodology.FROM_2021,
                    year(END_YEAR),
                    scales({**EARLY, **END}),
                )
            )
        return records
