"""Peru's first plan: the government's self-assessment of a few commitments, as illustrative demo data.

Invented for the demo, not the Peruvian government's report: every note says so. Recorded through the
one service by the demo responsible official of the Secretaría de Gestión Pública (which leads these
commitments), so the plan page shows the third voice beside civil society's and the IRM's. Three of
them disagree with the IRM's progress report (the government says substantial or complete where the
IRM found not started or limited); one agrees.
"""

from __future__ import annotations

import datetime

from commitments.models import Commitment

from .context import DemoContext
from .upsert import status_update_once

GOVERNMENT_NOTE = "[Dato de demostración: autoevaluación ilustrativa del gobierno, no es oficial] "
AS_OF = datetime.date(2014, 6, 30)

# Commitment, the government's level, its note. The IRM's level at the progress report in brackets.
ASSESSMENTS: tuple[tuple[str, str, str], ...] = (
    ("PE0002", "complete", "Las entidades reportan el cumplimiento de la ley."),  # IRM: limited
    ("PE0004", "substantial", "El sistema de gestión documentaria está en marcha."),  # not started
    ("PE0013", "substantial", "Se capacitó a organizaciones de la sociedad civil."),  # limited
    ("PE0003", "substantial", "Los portales estándar están en la mayoría de entidades."),  # agrees
)


def load(context: DemoContext) -> None:
    official = context.users["official"]
    commitments = Commitment.objects.in_bulk([c for c, *_ in ASSESSMENTS], field_name="ogp_id")
    for ogp_id, completion, note in ASSESSMENTS:
        status_update_once(
            commitment=commitments[ogp_id],
            author=official,
            completion=completion,
            as_of=AS_OF,
            note=GOVERNMENT_NOTE + note,
        )
