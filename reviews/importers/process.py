"""Import the IRM's process database (explorer-2017-process_database.csv): one row per action plan.

The file has a row of column numbers, a row of group headers, then the column names (row 3); the
snapshot repeats the two header rows after a blank line. Header and blank rows are skipped; every
other row is a plan. Plans (and members) not in the database yet are created, so every row lands.
IAP2 levels are normalised to our vocabulary with the label kept as it arrived. All or nothing: a
bad cell stops the import before anything is written, and the error names the row and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commitments.models import ActionPlan, IAP2Level, Member, PlanProcess
from commitments.versioning import claim_version

from . import common
from .common import (
    ImportRowError,
    check_encoding,
    csv_problem,
    csv_reader,
    fit,
    flag_value,
    row_shape_problem,
    whole_number,
)
from .headers import HeaderInForce, column_key, header_names, no_rows_warning
from .members import CountryResolver
from .records import MemberSpec

COUNTRY = "Country name"
NUMBER = "Action Plan Number"
YEAR = "Year AP Submitted"
DEV_LEVEL = "IAP2 level during development"
IMP_LEVEL = "IAP2 level during imp."
DEV_PARTICIPATION = "Invitation-only or open participation during dev. consultation"
IMP_PARTICIPATION = "Invitation-only or open participation during imp. consultation"
REQUIRED_COLUMNS = (COUNTRY, NUMBER, YEAR, DEV_LEVEL, IMP_LEVEL)

# Cells that mean "no value": what does in every OGP file (common.MISSING), and (once, in "Days in
# advance") unclear. The raw cell is always kept in PlanProcess.irm_raw.
MISSING = common.MISSING | {"unclear"}

# PlanProcess field -> column, for the yes/no steps and forum.
BOOLEAN_COLUMNS: dict[str, str] = {
    "irm_timeline_available": "Step 1: Timeline and process: Prior availability",
    "irm_advance_notice": "Step 2: Advance notice",
    "irm_awareness_raising": "Step 3: Awareness-raising activities",
    "irm_online_consultation": "Step 4: Online consultations",
    "irm_in_person_consultation": "Step 5: In-person consultations",
    "irm_summary_of_comments": "Step 6: Summary of comments",
    "irm_regular_forum": "Consultation during action plan implementation (regular forum)",
    "irm_multi_agency": "Multi-agency (1) vs. Single (0)",
}
INTEGER_COLUMNS: dict[str, tuple[str, int]] = {
    "irm_days_in_advance": ("Days in advance", 10_000),
    "irm_steps_followed": ("_Number of steps followed (out of 6)", 6),
    "irm_year_submitted": (YEAR, 2100),
}

# Every column read by name.
KNOWN_COLUMNS = (
    *REQUIRED_COLUMNS,
    *BOOLEAN_COLUMNS.values(),
    *(column for column, _maximum in INTEGER_COLUMNS.values()),
    DEV_PARTICIPATION,
    IMP_PARTICIPATION,
)


class ProcessImportError(Exception):
    """The file cannot be imported; `errors` lists every problem found, each naming row and column."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ProcessImportResult:
    rows: int = 0
    members_created: list[str] = field(default_factory=list)
    plans_created: list[str] = field(default_factory=list)
    processes_created: int = 0
    processes_updated: int = 0
    processes_unchanged: int = 0
    # Cells imported with a change, each naming its row and column.
    warnings: list[str] = field(default_factory=list)


def normalize_level(label: str) -> str:
    """An IAP2 label as written ("Consult", " collaborate ", "NR") -> our value or ""; raises
    ValueError on anything else."""
    key = "".join(label.split()).casefold()
    if key in MISSING:
        return ""
    if key in IAP2Level.values:
        return key
    raise ValueError(label)


def _boolean(label: str) -> bool | None:
    """A yes/no cell read as every importer reads one (`flag_value`); raises ValueError on
    anything else."""
    if label.strip().casefold() in MISSING:
        return None
    value = flag_value(label)
    if value is None:
        raise ValueError(label)
    return value


def _text(label: str) -> str:
    value = " ".join(label.split())
    return "" if value.casefold() in MISSING else value


@dataclass
class _Row:
    member: MemberSpec
    plan_number: int
    values: dict[str, Any]


def _lines(path: Path) -> list[list[str]]:
    """Every record of the file; what makes it unreadable is a ProcessImportError, never a crash."""
    try:
        check_encoding(path)
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv_reader(handle, path)
            lines: list[list[str]] = []
            try:
                for line in reader:
                    lines.append(line)
            except csv.Error as exc:
                raise ProcessImportError(
                    [
                        _("Row %(row)d: %(error)s")
                        % {"row": len(lines) + 1, "error": csv_problem(exc)}
                    ]
                ) from None
    except ImportRowError as error:
        raise ProcessImportError([str(error)]) from None
    except UnicodeDecodeError:
        raise ProcessImportError(
            [_("The file is not UTF-8 text (a Latin-1 or Windows export?); save it as CSV UTF-8.")]
        ) from None
    return lines


def _read(path: Path) -> tuple[list[_Row], list[str]]:
    """The plan rows, and the warnings about the file's rows, in row order."""
    lines = _lines(path)
    header_index = next(
        (i for i, line in enumerate(lines) if line and column_key(line[0]) == column_key(COUNTRY)),
        None,
    )
    if not any(cell.strip() for line in lines for cell in line):
        raise ProcessImportError([str(ImportRowError(_("the file is empty"), row=1))])
    if header_index is None:
        raise ProcessImportError([_("No header row starting with “%s” was found.") % COUNTRY])
    header = header_names(lines[header_index], KNOWN_COLUMNS)
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ProcessImportError(
            [
                _("Row %(row)d: missing column “%(column)s”.")
                % {"row": header_index + 1, "column": c}
                for c in missing
            ]
        )
    duplicated = sorted({n for n in header if n and header.count(n) > 1})
    if duplicated:
        raise ProcessImportError(
            [
                _("Row %(row)d: the header names column “%(column)s” more than once.")
                % {"row": header_index + 1, "column": c}
                for c in duplicated
            ]
        )
    in_force = HeaderInForce([*lines[:header_index], header], KNOWN_COLUMNS, row=header_index + 1)
    errors: list[str] = []
    rows: list[_Row] = []
    warnings: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    resolve = CountryResolver()
    for index in range(header_index + 1, len(lines)):
        line = lines[index]
        number = index + 1
        if not any(cell.strip() for cell in line):
            continue
        # The IRM's snapshot repeats its group and name rows; two joined files repeat theirs.
        try:
            again = in_force.again(line, number)
        except ImportRowError as error:
            errors.append(str(error))
            break
        if again is not None:
            warning, names = again
            warnings.append(_("row %(row)d: %(warning)s") % {"row": number, "warning": warning})
            header = names or header
            continue
        if shape := row_shape_problem(line, header, number):
            # A short row (a cut-off file) would blank every missing cell's value: refused.
            errors.append(str(shape))
            continue
        cells = dict(zip(header, line, strict=False))
        row_errors: list[str] = []

        def problem(column: str, message: str, _number: int = number, _errs=row_errors) -> None:
            _errs.append(
                _("Row %(row)d, column “%(column)s”: %(message)s")
                % {"row": _number, "column": column, "message": message}
            )

        country = " ".join(cells[COUNTRY].split())
        spec: MemberSpec | None = None
        try:
            spec = resolve(country, row=number, column=COUNTRY)
        except ImportRowError as error:
            problem(COUNTRY, error.message)
        plan_number = whole_number(cells[NUMBER]) or 0
        if not 1 <= plan_number <= 99:
            plan_number = 0
            problem(NUMBER, _("“%s” is not a plan number from 1 to 99.") % cells[NUMBER])

        values: dict[str, Any] = {}
        for field_name, column in (
            (("irm_development_level", DEV_LEVEL)),
            ("irm_implementation_level", IMP_LEVEL),
        ):
            raw = cells[column]
            values[f"{field_name}_label"] = raw.strip()
            try:
                values[field_name] = normalize_level(raw)
            except ValueError:
                problem(column, _("“%s” is not a level of the IAP2 scale.") % raw)
        for field_name, column in BOOLEAN_COLUMNS.items():
            raw = cells.get(column, "")
            try:
                values[field_name] = _boolean(raw)
            except ValueError:
                problem(column, _("“%s” is not yes or no.") % raw)
        for field_name, (column, maximum) in INTEGER_COLUMNS.items():
            raw = cells.get(column, "").strip()
            if raw.casefold() in MISSING:
                values[field_name] = None
                continue
            values[field_name] = whole_number(raw)
            if values[field_name] is None or values[field_name] > maximum:
                problem(column, _("“%s” is not a whole number from 0 to %d.") % (raw, maximum))
        for field_name, column in (
            ("irm_development_participation", DEV_PARTICIPATION),
            ("irm_implementation_participation", IMP_PARTICIPATION),
        ):
            limit = PlanProcess._meta.get_field(field_name).max_length
            values[field_name], shortened = fit(_text(cells.get(column, "")), limit)
            if shortened:
                warnings.append(
                    _(
                        "row %(row)d, column “%(column)s”: longer than %(limit)d characters, "
                        "shortened (the whole cell is kept with the row's cells)"
                    )
                    % {"row": number, "column": column, "limit": limit}
                )
        values["irm_raw"] = {name: value for name, value in cells.items() if name}
        values["source_row"] = number

        if spec is not None and plan_number:
            key = (spec.code, plan_number)
            if key in seen:
                problem(
                    NUMBER,
                    _("plan %(n)d of %(c)s already appears on row %(row)d.")
                    % {"n": plan_number, "c": country, "row": seen[key]},
                )
            seen[key] = number
        if row_errors:
            errors.extend(row_errors)
            continue
        assert spec is not None
        rows.append(_Row(spec, plan_number, values))
    if errors:
        raise ProcessImportError(errors)
    if not rows:
        warnings.append(no_rows_warning())
    return rows, warnings


def _member(row: _Row, members: dict[str, Member], result: ProcessImportResult) -> Member:
    spec = row.member
    member = members.get(spec.code)
    if member is None:
        member = Member.objects.create(
            code=spec.code,
            iso_alpha2=spec.iso_alpha2,
            commitment_prefix=spec.prefix,
            name=spec.name,
            kind=Member.Kind.NATIONAL,
        )
        members[spec.code] = member
        result.members_created.append(spec.code)
    return member


def _plan(row: _Row, member: Member, plans: dict, result: ProcessImportResult) -> ActionPlan:
    plan = plans.get((member.pk, row.plan_number))
    if plan is None:
        plan = ActionPlan.objects.create(
            member=member,
            number=row.plan_number,
            ogp_id=ActionPlan.make_ogp_id(member.code, row.plan_number),
            # Every plan in this 2017 snapshot was submitted in 2011-2016 and ran two years.
            status=ActionPlan.Status.ENDED,
        )
        plans[(member.pk, row.plan_number)] = plan
        result.plans_created.append(plan.ogp_id)
    return plan


def import_process_database(
    path: Path | str,
    *,
    dry_run: bool = False,
) -> ProcessImportResult:
    """Import every plan row of the process database. Safe to run again: unchanged rows are not
    written. With dry_run, do everything and roll it back. Raises ProcessImportError."""
    path = Path(path)
    rows, warnings = _read(path)
    result = ProcessImportResult(rows=len(rows), warnings=warnings)
    with transaction.atomic():
        codes = {r.member.code for r in rows}
        members = {m.code: m for m in Member.objects.filter(code__in=codes)}
        plans = {
            (p.member_id, p.number): p for p in ActionPlan.objects.filter(member__code__in=codes)
        }
        processes = {
            p.action_plan_id: p
            for p in PlanProcess.objects.filter(action_plan__member__code__in=codes)
        }
        for row in rows:
            plan = _plan(row, _member(row, members, result), plans, result)
            values = {**row.values, "source_file": path.name}
            process = processes.get(plan.pk)
            if process is None:
                PlanProcess.objects.create(action_plan=plan, **values)
                result.processes_created += 1
                continue
            changed = [name for name, value in values.items() if getattr(process, name) != value]
            if not changed:
                result.processes_unchanged += 1
                continue
            for name in changed:
                setattr(process, name, values[name])
            claim_version(process, process.version)
            process.save(update_fields=[*changed, "version", "updated_at"])
            result.processes_updated += 1
        if dry_run:
            transaction.set_rollback(True)
    return result
