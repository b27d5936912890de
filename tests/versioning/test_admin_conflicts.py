"""The admin's change forms refuse an edit made over a newer version with a message that names who
changed what and when, keep the editor's input, and let saving again apply it on purpose."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db.models import F
from django.test import Client

from commitments.models import Commitment, Milestone
from commitments.versioning import VersionedModelForm, update_versioned
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db

KEPT = "Your input is kept below: check it against these changes and save again to apply it."
SAVE_AGAIN = (
    "Your input is kept below: save again to apply it over that change."  # no change listed
)
# 19:03 UTC is 14:03 in Lima, the site's time zone: the message shows the local time. Later than
# any row a test writes, so it stays the latest change.
ROSAS_SAVE = datetime.datetime(2030, 11, 27, 19, 3, tzinfo=datetime.UTC)


def _client(**names) -> tuple[Client, object]:
    user = factories.make_plan_admin(**names)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client, user


def _change_url(obj) -> str:
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def _rosa():
    return factories.make_plan_admin(username="rosa", first_name="Rosa", last_name="Quispe")


def _dated(obj) -> None:
    """Pin the time of `obj`'s latest change, which the conflict message shows."""
    obj.history.filter(pk=obj.history.latest().pk).update(history_date=ROSAS_SAVE)


def _errors(response) -> list[str]:
    return list(response.context["adminform"].form.non_field_errors())


def _posted_value(value):
    """A bound field's value as a browser posts it."""
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return "" if value is None else str(value)


def _version_inputs(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden" name="([\w-]*version)" value="(\d*)"', page)


def test_refusal_names_who_when_and_each_changed_field_with_its_label_and_shown_values():
    milestone = factories.MilestoneFactory(title="Launch", status="scheduled", met_on=None)
    client, _ = _client(username="jorge")
    url = _change_url(milestone)
    data = admin_post_data(client.get(url))
    update_versioned(
        milestone,
        expected_version=1,
        changes={
            "title": "Launch the portal",
            "status": "met",
            "met_on": datetime.date(2026, 3, 2),
        },
        user=_rosa(),
    )
    _dated(milestone)
    data["title"] = "From Jorge"

    refused = client.post(url, data)

    assert refused.status_code == 200
    assert _errors(refused) == [
        "This record was changed by Rosa Quispe at 27 November 2030, 14:03: "
        "title: Launch -> Launch the portal; status: Scheduled -> Met; "
        "date met: — -> 2 March 2026. " + KEPT
    ]
    form = refused.context["adminform"].form
    assert form.has_error("__all__", code="stale")
    assert form["title"].value() == "From Jorge"
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Launch the portal", 2)


def test_refusal_after_several_changes_names_the_last_editor_and_the_whole_difference():
    milestone = factories.MilestoneFactory(title="Launch")
    client, _ = _client(username="jorge")
    url = _change_url(milestone)
    data = admin_post_data(client.get(url))
    ana = factories.make_plan_admin(username="ana", first_name="Ana", last_name="Torres")
    update_versioned(milestone, expected_version=1, changes={"title": "Second"}, user=ana)
    update_versioned(milestone, expected_version=2, changes={"title": "Third"}, user=_rosa())
    _dated(milestone)

    refused = client.post(url, data)

    assert _errors(refused) == [
        "This record was changed by Rosa Quispe at 27 November 2030, 14:03: "
        "title: Launch -> Third. " + KEPT
    ]


def test_a_change_history_does_not_record_is_refused_naming_someone_at_an_unknown_time():
    """Rows the importers bulk-create, then move with one bulk UPDATE, have no history rows."""
    milestone = factories.MilestoneFactory(title="Launch")
    milestone.history.all().delete()
    client, _ = _client(username="jorge")
    url = _change_url(milestone)
    data = admin_post_data(client.get(url))
    Milestone.objects.filter(pk=milestone.pk).update(version=F("version") + 1)
    data["title"] = "From Jorge"

    refused = client.post(url, data)

    assert _errors(refused) == [
        "This record was changed by someone since you opened it. " + SAVE_AGAIN
    ]
    assert _version_inputs(refused.content.decode()) == [("version", "2")]


def test_a_change_with_no_user_and_no_visible_difference_is_refused_without_details():
    milestone = factories.MilestoneFactory(title="Launch", status="scheduled")
    client, _ = _client(username="jorge")
    url = _change_url(milestone)
    data = admin_post_data(client.get(url))
    # A maintenance script changes it and back: no user, in the end nothing differs.
    update_versioned(milestone, expected_version=1, changes={"status": "met"}, user=None)
    _dated(milestone)
    update_versioned(milestone, expected_version=2, changes={"status": "scheduled"}, user=None)
    _dated(milestone)

    refused = client.post(url, data)

    assert _errors(refused) == [
        "This record was changed by someone at 27 November 2030, 14:03. " + SAVE_AGAIN
    ]


def test_change_form_carries_the_version_once_as_a_hidden_input():
    milestone = factories.MilestoneFactory()
    update_versioned(milestone, expected_version=1, changes={"title": "Moved"}, user=None)
    client, _ = _client()

    page = client.get(_change_url(milestone)).content.decode()

    assert _version_inputs(page) == [("version", "2")]


def test_commitment_form_carries_each_inline_milestones_version():
    commitment = factories.CommitmentFactory()
    factories.MilestoneFactory(commitment=commitment, due_date=datetime.date(2026, 1, 1))
    second = factories.MilestoneFactory(commitment=commitment, due_date=datetime.date(2026, 2, 1))
    update_versioned(second, expected_version=1, changes={"title": "Moved"}, user=None)
    client, _ = _client()

    page = client.get(_change_url(commitment)).content.decode()

    versions = dict(_version_inputs(page))
    assert versions.pop("version") == "1"
    milestone_versions = {k: v for k, v in versions.items() if k.startswith("milestones-")}
    assert sorted(milestone_versions.values()) == ["1", "2"]
    assert len(milestone_versions) == 2


def test_a_stale_inline_milestone_is_refused_and_saving_again_applies_it():
    milestone = factories.MilestoneFactory(title="Launch")
    commitment = milestone.commitment
    client, _ = _client(username="jorge")
    url = _change_url(commitment)
    data = admin_post_data(client.get(url))
    update_versioned(milestone, expected_version=1, changes={"title": "From Rosa"}, user=_rosa())
    _dated(milestone)
    key = next(k for k, v in data.items() if k.endswith("-title") and v == "Launch")
    data[key] = "From Jorge"

    refused = client.post(url, data)

    assert refused.status_code == 200
    inline_form = refused.context["inline_admin_formsets"][0].formset.forms[0]
    assert list(inline_form.non_field_errors()) == [
        "This record was changed by Rosa Quispe at 27 November 2030, 14:03: "
        "title: Launch -> From Rosa. " + KEPT
    ]
    assert inline_form["title"].value() == "From Jorge"
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("From Rosa", 2)
    commitment.refresh_from_db()
    assert commitment.version == 1

    again = admin_post_data(refused)
    assert again[key.replace("-title", "-version")] == "2"
    assert client.post(url, again).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("From Jorge", 3)


def test_an_inline_milestone_changed_and_saved_is_recorded_against_the_editor():
    milestone = factories.MilestoneFactory(title="Launch")
    client, user = _client(username="jorge")
    url = _change_url(milestone.commitment)
    data = admin_post_data(client.get(url))
    key = next(k for k, v in data.items() if k.endswith("-title") and v == "Launch")
    data[key] = "Launch the portal"

    assert client.post(url, data).status_code == 302

    latest = milestone.history.latest()
    assert (latest.title, latest.version, latest.history_user) == ("Launch the portal", 2, user)


def test_a_change_without_the_version_is_refused_as_incomplete():
    milestone = factories.MilestoneFactory(title="Launch")
    client, _ = _client()
    url = _change_url(milestone)
    data = admin_post_data(client.get(url))
    del data["version"]
    data["title"] = "Changed"

    refused = client.post(url, data)

    assert refused.status_code == 200
    form = refused.context["adminform"].form
    assert form.errors == {"version": ["This field is required."]}
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Launch", 1)


def test_a_new_record_is_added_without_a_version():
    commitment = factories.CommitmentFactory()
    client, _ = _client()
    data = {"commitment": commitment.pk, "title": "New milestone", "status": "scheduled"}

    response = client.post("/admin/commitments/milestone/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Milestone.objects.get(title="New milestone").version == 1


def test_the_history_revert_form_shows_the_record_with_its_version():
    milestone = factories.MilestoneFactory(title="Launch")
    update_versioned(milestone, expected_version=1, changes={"title": "Second"}, user=None)
    first = milestone.history.earliest()
    client, _ = _client()

    response = client.get(f"{_change_url(milestone)[: -len('change/')]}history/{first.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Launch"' in page
    assert len(_version_inputs(page)) == 1


def test_a_save_refused_after_the_check_comes_back_to_the_same_address_with_an_error(
    monkeypatch,
):
    commitment = factories.CommitmentFactory(title="Portal")
    client, _ = _client(username="jorge")
    url = _change_url(commitment) + "?_changelist_filters=q%3DPortal"
    data = admin_post_data(client.get(url))
    data["title"] = "From Jorge"
    update_versioned(
        Commitment, commitment.pk, expected_version=1, changes={"title": "From Rosa"}, user=_rosa()
    )
    monkeypatch.setattr(
        VersionedModelForm, "clean", lambda form: super(VersionedModelForm, form).clean()
    )

    response = client.post(url, data)

    assert (response.status_code, response["Location"]) == (302, url)
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert str(message).startswith("This record was changed by Rosa Quispe at ")
    assert str(message).endswith(": title: Portal -> From Rosa. " + KEPT)


def test_a_value_filled_in_or_emptied_is_shown_as_a_dash_where_it_was_empty():
    commitment = factories.CommitmentFactory(title="Portal", contact_name="", contact_phone="555")
    client, _ = _client(username="jorge")
    url = _change_url(commitment)
    data = admin_post_data(client.get(url))
    update_versioned(
        commitment,
        expected_version=1,
        changes={"contact_name": "Ana Torres", "contact_phone": ""},
        user=_rosa(),
    )
    _dated(commitment)
    data["title"] = "From Jorge"

    refused = client.post(url, data)

    assert _errors(refused) == [
        "This record was changed by Rosa Quispe at 27 November 2030, 14:03: "
        "contact person: — -> Ana Torres; contact telephone: 555 -> —. " + KEPT
    ]


def test_saving_a_commitment_from_its_history_page_keeps_the_fields_that_page_does_not_show():
    """The history form offers the change form's fieldsets: the contact details, left out of them,
    are not posted and must not be emptied."""
    commitment = factories.CommitmentFactory(title="Portal", contact_name="Ana Torres")
    update_versioned(commitment, expected_version=1, changes={"title": "Portal v2"}, user=None)
    latest = commitment.history.latest()
    client, _ = _client(username="jorge")
    url = f"{_change_url(commitment)[: -len('change/')]}history/{latest.pk}/"
    shown = client.get(url)
    page = shown.content.decode()
    posted = set(re.findall(r'name="([^"]+)"', page))
    form = shown.context["adminform"].form
    data = {
        form[name].html_name: _posted_value(form[name].value())
        for name in form.fields
        if form[name].html_name in posted
    }
    data["title"] = "Portal v3"

    response = client.post(url, data)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.contact_name, commitment.version) == (
        "Portal v3",
        "Ana Torres",
        3,
    )
