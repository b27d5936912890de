"""A prefix that OGP's own ids give to a member already there is taken from then on (issue 17;
reviews/importers/parents.py `member`): Kosovo, imported first without ids under the prefix XKX,
gets XK from its ids, and a new member later in the same file whose ids also start XK is refused,
naming Kosovo, with nothing written."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment, Member

from .conftest import run_import
from .test_member_names_and_prefixes import row
from .test_member_prefixes_across_batches import numbered

pytestmark = pytest.mark.django_db


def test_a_new_member_claiming_a_prefix_just_corrected_for_another_is_refused(current_file):
    run_import(current_file([row("XKX", "Kosovo")], name="no-ids.csv"))
    assert Member.objects.get().commitment_prefix == "XKX"
    path = current_file(
        [numbered("XKX", "Kosovo", "XK0001", 1), numbered("XKY", "Kosovia", "XK0002", 2)],
        name="ids.csv",
    )

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert "row 3, XK0002: commitment prefix XK of Kosovia is already used by member XKX" in str(
        error.value
    )
    # Nothing from the refused file: Kosovo keeps its prefix, no new member or commitment.
    assert dict(Member.objects.values_list("code", "commitment_prefix")) == {"XKX": "XKX"}
    assert Commitment.objects.count() == 1
