"""Peru's first OGP action plan (2012-2014), its IRM progress report, and some demo activity.

The commitment table is transcribed by hand from the IRM Explorer snapshot of 2017
(explorer-2017-ogpirm_live_data.csv, rows Country = Peru and Action Plan Number = 1), in file order:
the OGP ids PE0001..PE0048 follow that order. © Open Government Partnership / Independent Reporting
Mechanism. Status updates, monitoring assignments and the draft end-of-term report are invented for the
demo and say so.
"""

# ruff: noqa: E501  (the commitment table keeps one commitment per line)
from __future__ import annotations

import datetime
from types import SimpleNamespace

from commitments.models import ActionPlan, Commitment
from reviews.models import Assessment, IRMReport, Methodology
from reviews.services import refresh_irm_summary
from reviews.stars import apply_stars

from .context import DemoContext
from .peru_plan1_text import FULL_TEXTS
from .upsert import set_m2m, status_update_once, upsert

PLAN_OGP_ID = "AP_PER01"

# The four axes of the plan; the first digit of a commitment's number says which.
AXES = {
    "1": "Transparencia y acceso a la información",
    "2": "Participación ciudadana",
    "3": "Integridad pública y lucha contra la corrupción",
    "4": "Gobierno electrónico y mejora de los servicios públicos",
}

# (number as written, short title, institutions: lead first then supporting, IRM specificity,
#  IRM potential impact, IRM completion at the progress report, OGP values relevant as four flags
#  access to information / civic participation / public accountability / technology and innovation,
#  starred under the pre-June-2014 formula as published).
# Labels are kept exactly as the file writes them.
COMMITMENTS: tuple[tuple[str, str, tuple[str, ...], str, str, str, str, bool], ...] = (
    ("1:A", "Mejorar marco normativo", ("sgp",), "a. low", "Moderate", "c. Substantial", "1100", True),
    ("1:B", "Seguimiento al cumplimiento de la ley de transparencia", ("sgp",), "a. low", "Moderate", "b. Limited", "1000", False),
    ("1:C", "Desarrollar Portales Transparencia Estándar", ("sgp",), "a. low", "Minor", "c. Substantial", "1000", False),
    ("1:D", "Gestión documentaria", ("sgp",), "a. low", "Minor", "a. Not started", "0000", False),
    ("1:E", "Perfiles funcionarios acceso a la información", ("sgp",), "a. low", "Moderate", "a. Not started", "1000", False),
    ("1:F", "Portales de Transparencia Estándar", ("sgp", "minem", "servir"), "a. low", "Moderate", "b. Limited", "1000", False),
    ("1:G", "Instrumentos de seguimiento", ("sgp",), "a. low", "Moderate", "Withdrawn", "1010", False),
    ("1:H", "Institución autónoma", ("sgp", "minem", "servir"), "a. low", "Transformative", "c. Substantial", "1000", True),
    ("1:I", "Capacitación en transparencia", ("sgp", "minem", "servir"), "a. low", "Minor", "c. Substantial", "1001", False),
    ("1:J", "Acceso materia medioambiental", ("sgp",), "a. low", "Moderate", "b. Limited", "1000", False),
    ("1:K", "Comisión EITI", ("sgp", "minem", "servir"), "a. low", "Moderate", "b. Limited", "1000", False),
    ("2:A", "Espacios en mecanismos de rendición de cuentas", ("minem", "sd", "sgp"), "a. low", "Transformative", "b. Limited", "0110", False),
    ("2:B", "Capacidades instituciones sociedad civil", ("sgp",), "a. low", "Moderate", "b. Limited", "0110", False),
    ("2:C", "Capacidades funcionarios y servidores públicos", ("sgp",), "a. low", "Transformative", "b. Limited", "0100", False),
    ("2:D", "Tecnologías para participación", ("sgp",), "a. low", "Transformative", "Withdrawn", "1101", False),
    ("2:E", "Tecnologías para colaboración", ("sgp",), "a. low", "Moderate", "b. Limited", "0101", False),
    ("2:F", "Acceso información presupuestal", ("sgp",), "a. low", "Moderate", "b. Limited", "1110", False),
    ("2:G", "Acuerdos plenarios supremos", ("sgp",), "a. low", "Moderate", "b. Limited", "1100", False),
    ("2:H", "Espacios en concursos, remates y licitaciones", ("minem", "sd", "sgp"), "a. low", "Moderate", "Unclear", "0110", False),
    ("3:A", "Plan Nacional de Lucha Contra Corrupción", ("mef", "cgr", "pj"), "a. low", "Transformative", "d. Complete", "1010", True),
    ("3:B", "Marco declaración jurada", ("cgr", "sgp"), "a. low", "Transformative", "c. Substantial", "1010", True),
    ("3:C", "Esquema conflicto de intereses", ("cgr", "sgp"), "a. low", "Moderate", "b. Limited", "1010", False),
    ("3:D", "Rendición de cuentas de titulares de entidades públicas", ("cgr", "sgp"), "a. low", "Moderate", "b. Limited", "1010", False),
    ("3:E", "Subsistema especializado en delitos de corrupción", ("mef", "cgr", "pj"), "a. low", "Moderate", "c. Substantial", "0010", True),
    ("3:F", "Consejo de Defensa del Estado Peruano", ("mef", "cgr", "pj"), "a. low", "Moderate", "b. Limited", "0001", False),
    ("3:G", "Comisión de Alto Nivel Anticorrupción", ("mef", "cgr", "pj"), "a. low", "Moderate", "d. Complete", "0010", True),
    ("3:H", "Observatorio de Gobernabilidad", ("sgp",), "a. low", "Moderate", "c. Substantial", "0110", True),
    ("3:I", "Difundir infracciones administrativas", ("sgp",), "a. low", "Moderate", "a. Not started", "1000", False),
    ("3:J", "Fortalecer SINAD", ("mef", "cgr", "pj"), "a. low", "Moderate", "Unclear", "0110", False),
    ("3:K", "Fortalecer SERVIR", ("mef", "cgr", "pj"), "a. low", "Moderate", "Unclear", "0010", False),
    ("3:L", "Hojas de Vida del Jurado Nacional de Elecciones", ("sgp",), "a. low", "Moderate", "b. Limited", "0010", False),
    ("3:M", "Estándares de gobierno corporativo", ("cgr", "sgp"), "a. low", "Moderate", "c. Substantial", "1010", True),
    ("3:N", "Marco normativo programas sociales", ("sgp",), "a. low", "Moderate", "a. Not started", "1000", False),
    ("3:O", "Sistema información adquisiciones públicas", ("sgp",), "a. low", "Moderate", "b. Limited", "1010", False),
    ("3:P", "Información sobre gestión de intereses", ("sgp",), "a. low", "Transformative", "c. Substantial", "1000", True),
    ("3:Q", "Simplificación administrativa", ("mef", "cgr", "pj"), "a. low", "Minor", "b. Limited", "0001", False),
    ("3:R", "Comité de Verificación", ("sgp",), "a. low", "Moderate", "a. Not started", "0110", False),
    ("3:S", "Propuesta participación ciudadana escolar", ("sgp",), "a. low", "Minor", "a. Not started", "0100", False),
    ("4:A", "Disponer de datos abiertos", ("sgp",), "a. low", "Moderate", "c. Substantial", "1000", True),
    # The second 4:A: the commitment added after the plan's approval (see ADDED_AFTER_APPROVAL).
    ("4:A", "Tecnologías para “open Data”", ("ongei",), "a. low", "Moderate", "b. Limited", "1001", False),
    ("4:B", "Reducir brecha digital", ("ongei",), "a. low", "Transformative", "c. Substantial", "0101", True),
    ("4:C", "Mejorar normas de gobierno electrónico", ("ongei",), "a. low", "None", "a. Not started", "0000", False),
    ("4:D", "Incrementar servicios de la Plataforma de Interoperabilidad", ("ongei",), "a. low", "Moderate", "b. Limited", "0000", False),
    ("4:E", "Integración de sistemas", ("ongei",), "a. low", "Moderate", "Unclear", "0000", False),
    ("4:F", "Simplificación administrativa", ("ongei",), "a. low", "Minor", "c. Substantial", "0000", False),
    ("4:G", "Gestión documentaria", ("sgp",), "a. low", "Minor", "a. Not started", "0000", False),
    ("4:H", "Trámites en línea", ("sgp",), "a. low", "Minor", "b. Limited", "0000", False),
    ("4:I", "Marco seguridad de información", ("ongei",), "a. low", "Moderate", "a. Not started", "1000", False),
)  # fmt: skip

# The project reads the file's second 4:A as the commitment added after approval (the data README).
# Note: the file's full text of the FIRST 4:A (PE0039) starts with "Nuevo:", which may point the other
# way; check against the plan's published text before relying on it.
ADDED_AFTER_APPROVAL = {"PE0040"}

SPECIFICITY = {"a. low": "low", "b. medium": "medium", "c. high": "high", "None": "none"}
IMPACT = {
    "None": "none",
    "Minor": "minor",
    "Moderate": "moderate",
    "Transformative": "transformative",
    "Unclear": "unclear",
}
COMPLETION = {
    "a. Not started": "not_started",
    "b. Limited": "limited",
    "c. Substantial": "substantial",
    "d. Complete": "complete",
    "Withdrawn": "withdrawn",
    "Unclear": "unclear",
}
VALUE_NAMES = ("access_to_information", "civic_participation", "public_accountability",
               "technology_innovation")  # fmt: skip

# Demo only: which commitments each civil-society organisation monitors.
MONITORING = {
    # PE0026 too: the civil-society account of what became of the plan's norms (peru_plan1_after).
    "proetica": ("PE0001", "PE0008", "PE0020", "PE0021", "PE0022", "PE0026"),
    "cad": ("PE0003", "PE0041", "PE0047"),
}
# Demo only: status updates by the demo editor (Proética). PE0022 disagrees with the IRM (limited).
STATUS_UPDATES = (
    ("PE0001", "substantial", datetime.date(2013, 9, 30), "El grupo de trabajo presentó su propuesta."),
    ("PE0008", "limited", datetime.date(2013, 9, 30), "El proyecto de ley sigue sin aprobarse."),
    ("PE0020", "complete", datetime.date(2013, 12, 31), "El plan nacional fue aprobado."),
    ("PE0021", "substantial", datetime.date(2013, 12, 31), "Falta el reglamento."),
    ("PE0022", "complete", datetime.date(2014, 3, 31), "El esquema ya se aplica en todo el Estado."),
)  # fmt: skip
DEMO_NOTE = "[Dato de demostración] "
# Demo only: a draft end-of-term report, assigned to the demo researcher.
DRAFT_ASSESSMENTS = (("PE0022", "substantial"), ("PE0047", "limited"))


def ogp_id(index: int) -> str:
    return f"PE{index + 1:04d}"


def load(context: DemoContext) -> None:
    orgs = context.organizations
    plan, _ = upsert(
        ActionPlan,
        {"ogp_id": PLAN_OGP_ID},
        {
            "member": context.member,
            "number": 1,
            "title": "Plan de Acción de Gobierno Abierto del Perú 2012-2014",
            "approval_date": datetime.date(2012, 4, 10),
            "approval_instrument": "Resolución Ministerial N° 085-2012-PCM",
            # The plan is labelled 2012-2014 and starts on its approval; the source gives no exact
            # end, so the end of 2014 stands in for it.
            "start_date": datetime.date(2012, 4, 10),
            "end_date": datetime.date(2014, 12, 31),
            "status": ActionPlan.Status.ENDED,
        },
    )

    commitments: dict[str, Commitment] = {}
    for index, (number, title, institutions, *_irm, values, _star) in enumerate(COMMITMENTS):
        commitment, _ = upsert(
            Commitment,
            {"ogp_id": ogp_id(index)},
            {
                "action_plan": plan,
                "number": number,
                "title": title,
                "short_title": title,
                "full_text": FULL_TEXTS[index],
                "theme": AXES[number[0]],
                "lead_organization": orgs[institutions[0]],
                "added_after_approval": ogp_id(index) in ADDED_AFTER_APPROVAL,
                **{
                    f"value_{name}": flag == "1"
                    for name, flag in zip(VALUE_NAMES, values, strict=True)
                },
            },
        )
        set_m2m(commitment, "supporting_organizations", [orgs[key] for key in institutions[1:]])
        commitments[commitment.ogp_id] = commitment

    for commitment_id, commitment in commitments.items():
        monitors = [orgs[key] for key, ids in MONITORING.items() if commitment_id in ids]
        set_m2m(commitment, "monitoring_organizations", monitors)

    _load_progress_report(plan, commitments)
    _load_draft_end_of_term_report(plan, commitments, context)
    _load_status_updates(commitments, context)


def _assessment_values(
    methodology: str, row: tuple, *, published: bool = True, **overrides: str
) -> dict:
    """An assessment's scales from a COMMITMENTS row (normalised value and label as written), with
    the star computed by the one star rule. `published`: the row's star as the IRM published it is
    kept; an invented draft has none."""
    _number, _title, _institutions, specificity, impact, completion, values, star_pre_2014 = row
    source_stars = {"pre_2014": star_pre_2014} if published else {}
    scales = {
        "specificity": SPECIFICITY[specificity],
        "specificity_label": specificity,
        "potential_impact": IMPACT[impact],
        "potential_impact_label": impact,
        "completion": COMPLETION[completion],
        "completion_label": completion,
        **overrides,
        **{f"relevant_{name}": flag == "1" for name, flag in zip(VALUE_NAMES, values, strict=True)},
    }
    computed = SimpleNamespace(**scales, source_stars=source_stars)
    apply_stars(computed, methodology)
    return {
        **scales,
        "starred": computed.starred,
        "star_formula": computed.star_formula,
        "formula_stars": computed.formula_stars,
        "source_stars": source_stars,
    }


def _load_progress_report(plan: ActionPlan, commitments: dict[str, Commitment]) -> None:
    report, written = upsert(
        IRMReport,
        {"action_plan": plan, "kind": IRMReport.Kind.PROGRESS},
        {
            "methodology": Methodology.PRE_2021,
            "title": "Perú: Informe de avance 2012-2013",
            "publication_year": 2014,
            "state": IRMReport.State.PUBLISHED,
        },
    )
    for index, row in enumerate(COMMITMENTS):
        _, assessment_written = upsert(
            Assessment,
            {"report": report, "commitment": commitments[ogp_id(index)]},
            _assessment_values(report.methodology, row),
        )
        written = written or assessment_written
    if written:  # only when something changed, so a second run leaves the commitments untouched
        refresh_irm_summary(c.pk for c in commitments.values())


def _load_draft_end_of_term_report(
    plan: ActionPlan, commitments: dict[str, Commitment], context: DemoContext
) -> None:
    report, _ = upsert(
        IRMReport,
        {"action_plan": plan, "kind": IRMReport.Kind.END_OF_TERM},
        {
            "methodology": Methodology.PRE_2021,
            # No state word in the title: it would still say "draft" once the report is
            # published. Pages show the state beside the title.
            "title": "Perú: Informe de fin de término 2012-2014 (demostración)",
            "state": IRMReport.State.DRAFT,
        },
    )
    set_m2m(report, "researchers", [context.users["researcher"]])
    for commitment_id, completion in DRAFT_ASSESSMENTS:
        row = COMMITMENTS[int(commitment_id[2:]) - 1]
        values = _assessment_values(
            report.methodology, row, published=False, completion=completion, completion_label=""
        )
        values["narrative"] = DEMO_NOTE + "No es un hallazgo real del MRI."
        upsert(Assessment, {"report": report, "commitment": commitments[commitment_id]}, values)


def _load_status_updates(commitments: dict[str, Commitment], context: DemoContext) -> None:
    editor = context.users["editor"]
    for commitment_id, completion, as_of, note in STATUS_UPDATES:
        status_update_once(
            commitment=commitments[commitment_id],
            author=editor,
            completion=completion,
            as_of=as_of,
            note=DEMO_NOTE + note,
        )
