"""A yes/no field in the change history reads as words in the reader's language ("Sí" / "No"),
not as Python's True / False: the upgrade from the first release records every guessed id made
provisional that way (migration commitments 0034), and the OGP value flags change so too."""

from __future__ import annotations

import pytest

from commitments.versioning import update_versioned
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_yes_no_change_reads_si_and_no_on_the_page_and_in_the_api(client):
    admin = factories.make_plan_admin(username="pa")
    commitment = factories.CommitmentFactory(value_access_to_information=False)
    update_versioned(
        commitment, expected_version=1, changes={"value_access_to_information": True}, user=admin
    )

    change = client.get(f"/api/v1/commitments/{commitment.ogp_id}/changes/").json()["results"][0]
    page = client.get(f"/commitments/{commitment.ogp_id}/").content.decode()

    shown = next(c for c in change["changes"] if c["field"] == "value_access_to_information")
    assert (shown["old"], shown["new"]) == (False, True)
    assert (shown["old_display"], shown["new_display"]) == ("No", "Sí")
    row = page[page.index("change-history__changes") :]
    row = row[: row.index("</table>")]
    assert 'data-label="Antes">No</td><td data-label="Después">Sí</td>' in row
    assert "True" not in row and "False" not in row
