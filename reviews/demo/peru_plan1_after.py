"""Peru's first plan after it ended: what a civil-society account says became of its three norms, and
the plan's forum as that account describes it.

From the essay this product answers (issue 16): three commitments of the first plan were achieved, all
of them norms (the reforms of the High-Level Anti-Corruption Commission, the National Anti-Corruption
Plan, the regulation of the freedom-of-information law); a year later the commission was in trouble,
nobody remembered the plan, and the regulation was a dead letter. The plan was followed by an
inter-ministerial monitoring committee whose meetings the account does not give.

These are a civil-society account, not IRM findings nor the government's: every record says so in its
note. They are recorded in the demo by the demo editor (Proética), which monitors the three
commitments; the link is the demo's usual one, not the account's source.
"""

from __future__ import annotations

import datetime

from commitments.models import Commitment, Forum, OutcomeCheck, OutcomeVerdict
from commitments.outcomes.services import record_outcome_check

from .context import DemoContext
from .peru_plan1 import PLAN_OGP_ID
from .upsert import PERU_LINK, status_update_once, upsert

ACCOUNT_NOTE = "[Relato de la sociedad civil, no hallazgo del MRI ni del gobierno] "
PLAN_END = datetime.date(2014, 12, 31)
A_YEAR_LATER = datetime.date(2015, 12, 31)

# The three norms: commitment, what the account says was achieved, and what it says a year later.
NORMS: tuple[tuple[str, str, str, str], ...] = (
    (
        "PE0026",
        "Se aprobaron las reformas de la Comisión de Alto Nivel Anticorrupción.",
        OutcomeVerdict.WEAKENED,
        "Un año después, la Comisión de Alto Nivel Anticorrupción estaba en problemas.",
    ),
    (
        "PE0020",
        "Se aprobó el Plan Nacional de Lucha contra la Corrupción.",
        OutcomeVerdict.DEAD_LETTER,
        "Un año después, nadie se acordaba del Plan Nacional de Lucha contra la Corrupción: "
        "letra muerta.",
    ),
    (
        "PE0001",
        "Se aprobó el reglamento de la ley de acceso a la información pública.",
        OutcomeVerdict.DEAD_LETTER,
        "Un año después, el reglamento de la ley de acceso a la información no se aplicaba: "
        "letra muerta.",
    ),
)

FORUM_NAME = "Comité interministerial de seguimiento del plan de acción"


def load(context: DemoContext) -> None:
    editor = context.users["editor"]
    commitments = Commitment.objects.in_bulk([ogp_id for ogp_id, *_ in NORMS], field_name="ogp_id")
    for ogp_id, achieved, verdict, a_year_later in NORMS:
        commitment = commitments[ogp_id]
        if status_update_once(
            commitment=commitment,
            author=editor,
            completion="complete",
            as_of=PLAN_END,
            note=ACCOUNT_NOTE + achieved,
        ):
            commitment.refresh_from_db()
        # Append-only too: add each once.
        if not OutcomeCheck.objects.filter(commitment=commitment, checked_on=A_YEAR_LATER).exists():
            record_outcome_check(
                commitment=commitment,
                author=editor,
                checked_on=A_YEAR_LATER,
                verdict=verdict,
                note=ACCOUNT_NOTE + a_year_later,
                evidence_url=PERU_LINK,
            )

    # The forum the account names, with its meetings not known: the requirement reads "unknown".
    upsert(
        Forum,
        {"action_plan": commitments["PE0001"].action_plan, "name": FORUM_NAME},
        {
            "description": (
                "El comité interministerial que hizo el seguimiento del primer plan, según el "
                "relato de la sociedad civil. No se conocen sus reuniones."
            ),
            "meetings_known": False,
            "source": ACCOUNT_NOTE.strip() + f" ({PLAN_OGP_ID})",
        },
    )
