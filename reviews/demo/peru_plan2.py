"""Peru's second OGP action plan (2015-2016): what the sources establish, plus a few sample
commitments that say they are samples.

Known facts (project IRM glossary): the plan was approved in July 2015 with its start declared as
January 2015; it left out civil society's main proposal, an independent transparency authority;
responsibility for the plans sat in the Secretaría de Gestión Pública of the Presidency of the
Council of Ministers (a secretariat, not a ministry). The plan's real commitments are not in the
shared data, so the commitments below are demo samples (ids PE9xxx, titled "Compromiso de muestra")
written to show how the plan-integrity warnings read; they are not Peru's commitments.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from commitments.accountability.services import record_indicator_reading
from commitments.models import (
    ActionPlan,
    Commitment,
    Indicator,
    IndicatorReading,
    Milestone,
    PlanProcess,
    Proposal,
)

from .context import DemoContext
from .upsert import set_m2m, upsert

PLAN_OGP_ID = "AP_PER02"
SAMPLE_NOTE = (
    "Dato de demostración: compromiso de muestra, no forma parte del plan real. "
    "(Demo data: a sample commitment, not part of the real plan.)"
)

# (ogp id, number, title, lead organisation key or "", milestones as (title, due date, status))
SAMPLES: tuple[tuple[str, str, str, str, tuple[tuple[str, datetime.date, str], ...]], ...] = (
    (
        "PE9001",
        "M1",
        "Compromiso de muestra 1: portales de transparencia con datos actualizados",
        "sgp",
        (
            ("Muestra: lineamientos publicados", datetime.date(2015, 9, 30), Milestone.Status.MET),
            (
                "Muestra: portales actualizados",
                datetime.date(2016, 6, 30),
                Milestone.Status.SCHEDULED,
            ),
        ),
    ),
    ("PE9002", "M2", "Compromiso de muestra 2: promover la participación ciudadana", "sgp", ()),
    ("PE9003", "M3", "Compromiso de muestra 3: fortalecer la integridad pública", "sgp", ()),
    ("PE9004", "M4", "Compromiso de muestra 4: sin entidad responsable designada", "", ()),
)


def load(context: DemoContext) -> None:
    orgs = context.organizations
    plan, _ = upsert(
        ActionPlan,
        {"ogp_id": PLAN_OGP_ID},
        {
            "member": context.member,
            "number": 2,
            "title": "Plan de Acción de Gobierno Abierto 2015-2016",
            # The sources give the month of approval only (July 2015): the first of the month is
            # the earliest day it can be, so the retroactive gap shown is a lower bound.
            "approval_date": datetime.date(2015, 7, 1),
            "approval_instrument": "",
            "start_date": datetime.date(2015, 1, 1),  # declared retroactive to January 2015
            "end_date": datetime.date(2016, 12, 31),
            "status": ActionPlan.Status.ENDED,
        },
    )
    process, _ = upsert(
        PlanProcess,
        {"action_plan": plan},
        {
            "office_level": PlanProcess.OfficeLevel.MID_LEVEL,
            "political_endorsement": "",
            "notes": (
                "Aprobado en julio de 2015 (las fuentes solo dan el mes; se registra el 1 de julio) "
                "con inicio declarado en enero de 2015. La responsabilidad recae en la Secretaría de "
                "Gestión Pública de la PCM."
            ),
        },
    )
    set_m2m(process, "responsible_organizations", [orgs["sgp"]])

    commitments: dict[str, Commitment] = {}
    for ogp_id, number, title, lead, milestones in SAMPLES:
        commitment, _ = upsert(
            Commitment,
            {"ogp_id": ogp_id},
            {
                "action_plan": plan,
                "number": number,
                "title": title,
                "short_title": title.split(": ", 1)[-1],
                "full_text": SAMPLE_NOTE,
                "lead_organization": orgs[lead] if lead else None,
                "start_date": datetime.date(2015, 1, 1),
                "end_date": datetime.date(2016, 12, 31),
            },
        )
        commitments[ogp_id] = commitment
        for milestone_title, due, status in milestones:
            upsert(
                Milestone,
                {"commitment": commitment, "title": milestone_title},
                {
                    "due_date": due,
                    "status": status,
                    "met_on": due if status == Milestone.Status.MET else None,
                },
            )
    # The demo editor's organisation monitors the first sample, so it can report readings on it.
    set_m2m(commitments["PE9001"], "monitoring_organizations", [orgs["proetica"]])
    _load_indicator(commitments["PE9001"], context)
    _load_proposals(plan, commitments)


def _load_indicator(commitment: Commitment, context: DemoContext) -> None:
    indicator, _ = upsert(
        Indicator,
        {"commitment": commitment, "name": "Muestra: entidades con portal actualizado"},
        {
            "unit": "%",
            "baseline_value": Decimal("35"),
            "baseline_date": datetime.date(2015, 1, 1),
            "target_value": Decimal("90"),
            "target_date": datetime.date(2016, 12, 31),
            "data_source": "Muestra: reporte de supervisión de portales (dato de demostración)",
            "method": "Muestra: revisión de una muestra de portales cada semestre",
            "frequency": Indicator.Frequency.SEMIANNUAL,
            "reported_by": context.organizations["sgp"],
        },
    )
    editor = context.users["editor"]
    for as_of, value in ((datetime.date(2015, 12, 31), "48"), (datetime.date(2016, 6, 30), "61")):
        if not IndicatorReading.objects.filter(indicator=indicator, as_of=as_of).exists():
            record_indicator_reading(
                indicator=indicator,
                author=editor,
                value=value,
                as_of=as_of,
                note=SAMPLE_NOTE,
            )


def _load_proposals(plan: ActionPlan, commitments: dict[str, Commitment]) -> None:
    upsert(
        Proposal,
        {
            "action_plan": plan,
            "title": "Autoridad Nacional de Transparencia y Acceso a la "
            "Información Pública independiente",
        },
        {
            "text": (
                "Crear un órgano autónomo e independiente que garantice el derecho de acceso a la "
                "información pública. Fue la principal propuesta de la sociedad civil y quedó fuera "
                "del plan 2015-2016."
            ),
            "by_civil_society": True,
            "priority": True,
            "outcome": Proposal.Outcome.DROPPED,
            "resulting_commitment": None,
            # No reasoned response from the government is recorded in the sources.
            "government_response": "",
            "source": "Glosario MRI del proyecto (Perú, plan 2). Las fuentes no nombran a las "
            "organizaciones proponentes.",
        },
    )
    upsert(
        Proposal,
        {"action_plan": plan, "title": "Propuesta de muestra: portales con datos actualizados"},
        {
            "text": SAMPLE_NOTE,
            "by_civil_society": True,
            "priority": False,
            "outcome": Proposal.Outcome.ALTERED,
            "resulting_commitment": commitments["PE9001"],
            "government_response": "Muestra: se incorporó con un alcance menor (dato de demostración).",
        },
    )
