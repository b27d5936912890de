"""The figures as CSV are a file named after what was asked, as a list's CSV is: saved, the file
of `stats/completion/?as_of=2014-06-30` says its day. Until 8 December the figures' CSV carried no
name (a browser saved it as "completion", its day and basis lost, since the rows do not say them)."""

from __future__ import annotations

import datetime

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]

TODAY = datetime.date.today().isoformat()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (
            "/api/v1/stats/completion/?group_by=action_plan&as_of=2014-06-30&format=csv",
            f"2014-06-30-action_plan-completion-{TODAY}.csv",
        ),
        (
            "/api/v1/stats/completion/?irm_report=progress&format=csv",
            f"progress-completion-{TODAY}.csv",
        ),
        (
            "/api/v1/stats/completion/history/?group_by=member&key=PER&format=csv",
            f"member-PER-completion-history-{TODAY}.csv",
        ),
        ("/api/v1/stats/questions/?format=csv", f"questions-{TODAY}.csv"),
    ],
)
def test_the_figures_csv_is_a_file_named_after_what_was_asked(client, world, url, name):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_figures_in_json_are_no_file(client, world):
    assert "Content-Disposition" not in client.get("/api/v1/stats/completion/")
