"""What both OGP formats share: the error type, the parsed-row records, and the cell parsers.

Every parser takes the raw cell and the column name and raises `ImportRowError` (with the row) for a
value it cannot read exactly; nothing here guesses.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments.models import CompletionLevel
from reviews.models import (
    EarlyResults,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
    Specificity,
)

# Cells that mean "no value" in both formats: no data yet, not relevant / not reported, not applicable.
MISSING = frozenset({"", "nd", "nr", "na", "n/a"})
# Extra spellings of "nobody named" in the institution columns.
NO_ORGANIZATION = MISSING | {"none", "none specified", "not specified", "-", "n.a."}


class ImportRowError(Exception):
    """A cell or a row the importer cannot place. Stops the import; nothing is written."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        self.row, self.column, self.message = row, column, message
        where = []
        if row is not None:
            where.append(_("row %(row)d") % {"row": row})
        if column:
            where.append(_("column “%(column)s”") % {"column": column})
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


def is_missing(value: str) -> bool:
    return value.strip().casefold() in MISSING


# --- Records: one parsed row, handed from a format module to the writer ------------------------------


@dataclass(frozen=True)
class MemberSpec:
    code: str
    iso_alpha2: str
    prefix: str
    name: str
    kind: str = "national"
    country: MemberSpec | None = None


@dataclass
class AssessmentRecord:
    kind: str  # IRMReport.Kind value
    methodology: str
    publication_year: int | None
    values: dict[str, object]
    source_stars: dict[str, str] = field(default_factory=dict)


@dataclass
class CommitmentRecord:
    row: int
    member: MemberSpec
    plan_number: int
    plan_ogp_id: str
    ogp_id: str | None  # None: the file has no ids; the writer assigns OGP-style ones
    values: dict[str, object]
    lead: list[str] = field(default_factory=list)  # the first leads; the others support
    supporting: list[str] = field(default_factory=list)
    policy_areas: list[str] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- What the importer writes, and its report ---------------------------------------------------------

# Kind of record (the key the writer counts under) -> its name in the printed summary.
KINDS = {
    "members": gettext_lazy("members"),
    "action plans": gettext_lazy("action plans"),
    "policy areas": gettext_lazy("policy areas"),
    "organisations": gettext_lazy("organisations"),
    "organisation names": gettext_lazy("organisation names"),
    "commitments": gettext_lazy("commitments"),
    "IRM reports": gettext_lazy("IRM reports"),
    "assessments": gettext_lazy("assessments"),
}
COMMITMENT_FIELDS = (
    "action_plan_id",
    "number",
    "title",
    "short_title",
    "full_text",
    "lead_organization_id",
    "value_access_to_information",
    "value_civic_participation",
    "value_public_accountability",
    "value_technology_innovation",
    "theme",
    "cluster",
    "start_date",
    "start_date_text",
    "end_date",
    "end_date_text",
    "added_after_approval",
    "source_file",
    "source_row",
)
# What a format leaves out is written blank: the importer owns these fields.
COMMITMENT_DEFAULTS: dict[str, object] = {
    "number": "",
    "title": "",
    "short_title": "",
    "full_text": "",
    "value_access_to_information": False,
    "value_civic_participation": False,
    "value_public_accountability": False,
    "value_technology_innovation": False,
    "theme": "",
    "cluster": "",
    "start_date": None,
    "start_date_text": "",
    "end_date": None,
    "end_date_text": "",
}
# Every field the importer owns on an assessment; a scale the row does not rate is written blank.
ASSESSMENT_DEFAULTS: dict[str, object] = {
    "specificity": "",
    "specificity_label": "",
    "verifiable": None,
    "verifiable_label": "",
    "relevant_access_to_information": None,
    "relevant_civic_participation": None,
    "relevant_public_accountability": None,
    "relevant_technology_innovation": None,
    "potential_impact": "",
    "potential_impact_label": "",
    "potential_for_results": "",
    "potential_for_results_label": "",
    "completion": "",
    "completion_label": "",
    "opened_government": "",
    "opened_government_label": "",
    "early_results": "",
    "early_results_label": "",
}
ASSESSMENT_FIELDS = (
    *ASSESSMENT_DEFAULTS,
    "starred",
    "star_formula",
    "source_stars",
    "source_file",
    "source_row",
)


class Summary:
    """Created / updated / unchanged per kind of record, plus warnings with their rows."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.rows = 0
        # message -> (rows affected, the first ten of them): stays small however long the file.
        self.warnings: dict[str, tuple[int, list[int]]] = {}

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def warn(self, message: str, row: int) -> None:
        count, rows = self.warnings.get(message, (0, []))
        if len(rows) < 10:
            rows.append(row)
        self.warnings[message] = (count + 1, rows)

    def lines(self) -> list[str]:
        lines = [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {"kind": KINDS[kind], **{k: c[k] for k in ("created", "updated", "unchanged")}}
            for kind, c in self.counts.items()
        ]
        for message, (count, rows) in self.warnings.items():
            shown = ", ".join(str(r) for r in rows) + (", ..." if count > len(rows) else "")
            lines.append(
                _("warning: %(message)s (%(n)d rows: %(rows)s)")
                % {"message": message, "n": count, "rows": shown}
            )
        return lines


# --- Scales -------------------------------------------------------------------------------------------


def _label_key(label: str) -> str:
    """`c. Substantial` -> `substantial`; `a. Not Started` -> `not started`."""
    key = " ".join(label.strip().casefold().split())
    return re.sub(r"^[a-e]\.\s+", "", key)


# Known labels (as keys) -> stored value. "" marks a label that is known but rates nothing.
SCALES: dict[str, dict[str, str]] = {
    "specificity": {
        "none": Specificity.NONE,
        "low": Specificity.LOW,
        "medium": Specificity.MEDIUM,
        "high": Specificity.HIGH,
    },
    "potential_impact": {
        "none": PotentialImpact.NONE,
        "minor": PotentialImpact.MINOR,
        "moderate": PotentialImpact.MODERATE,
        "transformative": PotentialImpact.TRANSFORMATIVE,
        "unclear": PotentialImpact.UNCLEAR,
    },
    "potential_for_results": {
        "unclear": PotentialForResults.UNCLEAR,
        "modest": PotentialForResults.MODEST,
        "substantial": PotentialForResults.SUBSTANTIAL,
    },
    "completion": {
        "not started": CompletionLevel.NOT_STARTED,
        "limited": CompletionLevel.LIMITED,
        "substantial": CompletionLevel.SUBSTANTIAL,
        "complete": CompletionLevel.COMPLETE,
        "withdrawn": CompletionLevel.WITHDRAWN,
        "unclear": CompletionLevel.UNCLEAR,
        "no evidence available": CompletionLevel.NO_EVIDENCE,
    },
    "opened_government": {
        # The Explorer writes `b. None` for "did not change".
        "none": OpenedGovernment.DID_NOT_CHANGE,
        "did not change": OpenedGovernment.DID_NOT_CHANGE,
        "worsens": OpenedGovernment.WORSENED,
        "worsened": OpenedGovernment.WORSENED,
        "marginal": OpenedGovernment.MARGINAL,
        "major": OpenedGovernment.MAJOR,
        "outstanding": OpenedGovernment.OUTSTANDING,
        # Not a rating: the label is kept, the scale stays blank.
        "no early results to report yet": "",
    },
    "early_results": {
        "no early results to report yet": EarlyResults.NONE_YET,
        "no notable results": EarlyResults.NO_NOTABLE,
        "marginal": EarlyResults.MARGINAL,
        "moderate": EarlyResults.MODERATE,
        "significant": EarlyResults.SIGNIFICANT,
        "outstanding": EarlyResults.OUTSTANDING,
    },
}


def parse_scale(scale: str, raw: str, *, row: int, column: str) -> tuple[str, str]:
    """(stored value, label as it arrived). ND/NR/NA/empty give a blank value; unknown labels stop."""
    label = raw.strip()
    if is_missing(label):
        return "", label
    try:
        return SCALES[scale][_label_key(label)], label
    except KeyError:
        known = ", ".join(sorted(SCALES[scale]))
        raise ImportRowError(
            _("unknown label “%(label)s” (known: %(known)s)") % {"label": label, "known": known},
            row=row,
            column=column,
        ) from None


def parse_flag(raw: str, *, row: int, column: str) -> bool | None:
    """0/1 flags (also Yes/No); ND/NR/NA/empty -> None."""
    value = raw.strip().casefold()
    if value in MISSING:
        return None
    if value in {"1", "yes", "true"}:
        return True
    if value in {"0", "no", "false"}:
        return False
    raise ImportRowError(
        _("expected 0 or 1, found “%(value)s”") % {"value": raw.strip()}, row=row, column=column
    )


def parse_int(raw: str, *, row: int, column: str, required: bool = False) -> int | None:
    value = raw.strip()
    if not required and is_missing(value):
        return None
    if re.fullmatch(r"\d{1,4}", value):
        return int(value)
    raise ImportRowError(
        _("expected a whole number, found “%(value)s”") % {"value": value}, row=row, column=column
    )


# --- Dates --------------------------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day_first(raw: str) -> bool:
    match = _NUMERIC_DATE.fullmatch(" ".join(raw.split()))
    return bool(match and int(match.group(1)) > 12)


def parse_date(raw: str, *, day_first: bool = False) -> tuple[datetime.date | None, str]:
    """(date, text kept when it is not one exact date).

    `04/01/2012` is month/day (the OGP sheets are US-formatted) unless the first number is over 12
    (`31/12/2014` is day/month) or `day_first` says the row writes day/month. A bare year, a
    month and year (`July 2014`), `Ongoing`, `Not Specified`, `NR` and anything else that is
    not one exact day stay null, with the text kept.
    """
    text = " ".join(raw.split())
    if is_missing(text):
        return None, "" if text == "" else text
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second, year = (int(g) for g in match.groups())
        month, day = (second, first) if first > 12 or day_first else (first, second)
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None, text
    try:
        return datetime.date(year, month, day), ""
    except ValueError:
        return None, text


def date_fields(raw_start: str, raw_end: str, warnings: list[str]) -> dict[str, object]:
    """Start and end as stored; a start after the end keeps both as written text only.

    A row that writes one of its dates day/month (`31/12/2016`) is read day/month for both, so
    `01/07/2014` beside it is 1 July, not 7 January."""
    day_first = _day_first(raw_start) or _day_first(raw_end)
    start, start_text = parse_date(raw_start, day_first=day_first)
    end, end_text = parse_date(raw_end, day_first=day_first)
    if start and end and start > end:
        start, start_text = None, " ".join(raw_start.split())
        end, end_text = None, " ".join(raw_end.split())
        warnings.append(_("start date after end date: both kept as text only"))
    return {
        "start_date": start,
        "start_date_text": start_text,
        "end_date": end,
        "end_date_text": end_text,
    }


# --- Text ---------------------------------------------------------------------------------------------


def clean_text(raw: str) -> str:
    """Trim, turn the `<br/>` line wraps some cells carry into spaces, and drop missing markers."""
    text = re.sub(r"<br\s*/?>", " ", raw, flags=re.IGNORECASE).strip()
    return "" if is_missing(text) else text


def fit(text: str, limit: int) -> tuple[str, bool]:
    """Shorten `text` to a column's length at a word boundary; (text, was it shortened)."""
    if len(text) <= limit:
        return text, False
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…", True


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def first_present(values: Iterable[str]) -> str:
    return next((v for v in values if v), "")
