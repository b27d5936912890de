"""`manage.py load_demo`: the Peru demo that `make run` loads, safe to run again."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from commitments.models import ActionPlan, Commitment, Organization, StatusUpdate
from commitments.roles import EDITOR, PLAN_ADMIN, RESEARCHER
from reviews.models import Assessment, IRMReport

pytestmark = pytest.mark.django_db

PASSWORD_LINE = re.compile(r"^\s+(editor|researcher|planadmin|admin)\s+(\S+)\s+\(", re.MULTILINE)


def load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list]:
    """Every row of every model (history tables included), to see that nothing changed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in {"commitments", "reviews", "auth"}
    }


def test_running_load_demo_twice_creates_and_changes_nothing_the_second_time():
    first = load_demo()
    before = snapshot()
    second = load_demo()
    assert snapshot() == before
    assert Commitment.objects.filter(action_plan__ogp_id="AP_PER01").count() == 48
    assert get_user_model().objects.count() == 5  # editor, researcher, official, planadmin, admin

    passwords = dict(PASSWORD_LINE.findall(first))
    assert set(passwords) == {"editor", "researcher", "planadmin", "admin"}
    assert PASSWORD_LINE.findall(second) == []
    for password in passwords.values():
        assert password not in second
    assert "http://127.0.0.1:8000/admin/" in first
    assert "http://127.0.0.1:8000/admin/" in second


def test_printed_passwords_log_in_and_reset_passwords_replaces_them():
    first = dict(PASSWORD_LINE.findall(load_demo()))
    users = get_user_model().objects
    assert all(users.get(username=u).check_password(p) for u, p in first.items())
    # Random, not a fixed demo password.
    assert len(set(first.values())) == 4

    reset = dict(PASSWORD_LINE.findall(load_demo("--reset-passwords")))
    assert set(reset) == set(first)
    for username, password in reset.items():
        user = users.get(username=username)
        assert user.check_password(password)
        assert not user.check_password(first[username])


def test_demo_users_have_one_role_each():
    load_demo()
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups")}
    assert [g.name for g in users["editor"].groups.all()] == [EDITOR]
    assert users["editor"].profile.organization.name == "Proética"
    assert [g.name for g in users["researcher"].groups.all()] == [RESEARCHER]
    assert [g.name for g in users["planadmin"].groups.all()] == [PLAN_ADMIN]
    assert users["planadmin"].is_staff and not users["planadmin"].is_superuser
    assert users["admin"].is_superuser
    draft = IRMReport.objects.get(state=IRMReport.State.DRAFT)
    assert list(draft.researchers.all()) == [users["researcher"]]
    assert draft.assessments.count() == 2


def test_demo_gives_peru_plan_one_its_irm_progress_report_figures():
    load_demo()
    plan = ActionPlan.objects.get(ogp_id="AP_PER01")
    assert plan.member.code == "PER"
    assert plan.approval_instrument == "Resolución Ministerial N° 085-2012-PCM"
    irm = Commitment.objects.filter(action_plan=plan).completion_figures().irm
    assert {k: v for k, v in irm.counts.items() if v} == {
        "complete": 2,
        "substantial": 12,
        "limited": 19,
        "not_started": 9,
        "unclear": 4,
        "withdrawn": 2,
    }
    assert irm.complete_rate.as_dict() == {"numerator": 2, "denominator": 48}
    assert irm.high_completion_rate.as_dict() == {"numerator": 14, "denominator": 48}
    progress = IRMReport.objects.get(action_plan=plan, kind=IRMReport.Kind.PROGRESS)
    assert progress.publication_year == 2014
    assert progress.state == IRMReport.State.PUBLISHED
    assert Assessment.objects.filter(report=progress, specificity="low").count() == 48
    assert Assessment.objects.get(
        report=progress, commitment__ogp_id="PE0020"
    ).completion_label == ("d. Complete")


def test_demo_commitments_keep_file_order_and_the_later_addition():
    load_demo()
    assert Commitment.objects.get(ogp_id="PE0008").number == "1:H"
    added = Commitment.objects.get(added_after_approval=True)
    assert (added.ogp_id, added.number) == ("PE0040", "4:A")
    assert added.lead_organization.acronym == "ONGEI"
    # Several institutions in the file: the first leads, the others support.
    pe0020 = Commitment.objects.get(ogp_id="PE0020")
    assert pe0020.lead_organization.acronym == "MEF"
    assert {o.acronym or o.name for o in pe0020.supporting_organizations.all()} == {
        "CGR",
        "Poder Judicial",
    }


def test_every_spelling_of_an_institution_finds_one_organisation():
    load_demo()
    member = ActionPlan.objects.get(ogp_id="AP_PER01").member
    for spelling in (
        "Secretaría de Gestión Pública (SGP)",
        "Secretaria de la Gestión Pública (SGP)",
        "SECRETARIA DE GESTION PUBLICA",
    ):
        assert [o.acronym for o in Organization.objects.matching(spelling, member)] == ["SGP"]


def test_demo_self_reports_include_one_that_disagrees_with_the_irm():
    load_demo()
    # 5 invented demo updates, and 3 from the civil-society account of the plan's norms.
    assert (
        StatusUpdate.objects.filter(
            commitment__action_plan__ogp_id="AP_PER01", voice="civil_society"
        ).count()
        == 8
    )
    disagreeing = Commitment.objects.get(ogp_id="PE0022")
    assert (disagreeing.self_reported_completion, disagreeing.irm_completion) == (
        "complete",
        "limited",
    )
    self_reported = Commitment.objects.filter(action_plan__ogp_id="AP_PER01").completion_figures()
    assert self_reported.civil_society.counts["no_data"] == 42


def test_demo_government_self_assessment_disagrees_with_the_irm_and_says_it_is_illustrative():
    load_demo()
    updates = StatusUpdate.objects.filter(voice="government").select_related("author", "commitment")
    assert {u.author.username for u in updates} == {"official"}
    assert all(u.note.startswith("[Dato de demostración") for u in updates)
    assert all(u.author_organization.acronym == "SGP" for u in updates)
    plan = Commitment.objects.filter(action_plan__ogp_id="AP_PER01")
    disagreeing = {
        c.ogp_id for c in plan.tracks_disagree() if c.government_completion and c.tracks_disagree
    }
    assert {"PE0002", "PE0004", "PE0013"} <= disagreeing
    assert plan.completion_figures().government.coverage_rate.numerator == 4
    load_demo()  # again: nothing added
    assert StatusUpdate.objects.filter(voice="government").count() == 4
