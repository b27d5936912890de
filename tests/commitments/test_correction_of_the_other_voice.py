"""A correction corrects an update of its own voice (issue 17; commitments/services.py
`record_status_update`): the web form and the API offer only the same voice's updates, and the
service refuses the rest itself, so a caller that skips those lists cannot make civil society's
update "correct" the government's self-assessment, in either direction."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from commitments.models import StatusUpdate
from commitments.services import record_status_update

pytestmark = [pytest.mark.django_db, pytest.mark.world("government")]

AS_OF = datetime.date(2013, 6, 1)
MESSAGES = {
    "en": "A correction must correct an update of the same voice.",
    "es": "Una corrección debe corregir un reporte de la misma voz.",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("first", "second"), [("official", "editor"), ("editor", "official")])
def test_an_update_of_one_voice_cannot_correct_the_other_voices(world, first, second, language):
    earlier = record_status_update(
        commitment=world.commitment,
        author=getattr(world, first),
        completion="limited",
        as_of=AS_OF,
    )

    with translation.override(language), pytest.raises(ValidationError) as refused:
        record_status_update(
            commitment=world.commitment,
            author=getattr(world, second),
            completion="substantial",
            as_of=AS_OF,
            corrects=earlier,
        )

    assert refused.value.message_dict == {"corrects": [MESSAGES[language]]}
    assert list(StatusUpdate.objects.all()) == [earlier]
