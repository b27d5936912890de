"""Outcome checks after the plan ("did it last?"): who may record them and when, append-only, the
figure as of a day, the public list, and the integrity warning. Everything through URLs."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from commitments.models import ActionPlan, OutcomeCheck, OutcomeVerdict
from commitments.outcomes.api.serializers import OutcomeVerdictCountsSerializer
from commitments.outcomes.figures import NO_CHECK
from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db
API = "/api/v1"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ended_commitment(**kwargs):
    """A completed commitment of a plan that ended in 2014, monitored by a new organisation."""
    kwargs.setdefault("self_reported_completion", "complete")
    commitment = factories.CommitmentFactory(**kwargs)
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return commitment, monitor


def running_commitment(completion: str = "limited"):
    today = timezone.localdate()
    plan = factories.ActionPlanFactory(
        start_date=today.replace(year=today.year - 1),
        end_date=today.replace(year=today.year + 1),
        status=ActionPlan.Status.IMPLEMENTATION,
    )
    commitment = factories.CommitmentFactory(action_plan=plan, self_reported_completion=completion)
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return commitment, monitor


def form_url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/outcome-checks/new/"


def api_url(commitment) -> str:
    return f"{API}/commitments/{commitment.ogp_id}/outcome-checks/"


def form_data(**overrides) -> dict:
    data = {
        "verdict": "dead_letter",
        "checked_on": "2015-06-30",
        "note": "The regulation exists but no agency applies it.",
        "evidence_url": "https://example.org/informe-2015",
        "corrects": "",
    }
    data.update(overrides)
    return data


def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


# --- Who may record, and when ---------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_log_in_and_the_api_refuses(client, api_client):
    commitment, _ = ended_commitment()
    response = client.post(form_url(commitment), form_data())
    assert response.status_code == 302 and "/login" in response["Location"]
    assert api_client.post(api_url(commitment), form_data(), format="json").status_code in (
        401,
        403,
    )
    assert not OutcomeCheck.objects.exists()


def test_editor_of_another_organisation_is_refused_by_form_and_api(client, api_client):
    commitment, _ = ended_commitment()
    outsider = factories.make_editor()  # monitors nothing here
    client.force_login(outsider)
    assert client.get(form_url(commitment)).status_code == 403
    assert client.post(form_url(commitment), form_data()).status_code == 403
    response = token_client(api_client, outsider).post(
        api_url(commitment), form_data(), format="json"
    )
    assert response.status_code == 403
    assert not OutcomeCheck.objects.exists()


def test_monitoring_editor_records_a_check_that_shows_after_the_plan_end(client):
    commitment, monitor = ended_commitment()
    editor = factories.make_editor(monitor)
    client.force_login(editor)
    page = client.get(f"/commitments/{commitment.ogp_id}/", **EN).content.decode()
    assert 'action="/commitments/' in page and "Record an outcome check" in page

    response = client.post(form_url(commitment), form_data(), **EN)

    check = OutcomeCheck.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/commitments/{commitment.ogp_id}/#outcome-{check.pk}")
    assert check.author == editor and check.author_organization == monitor
    page = client.get(f"/commitments/{commitment.ogp_id}/", **EN).content.decode()
    timeline = page[page.index('id="outcomes"') :]
    assert "In force but not applied (dead letter)" in timeline
    assert "The regulation exists but no agency applies it." in timeline
    # Newest first, and the plan's end closes the timeline below the checks.
    assert timeline.index(f'id="outcome-{check.pk}"') < timeline.index("The plan ended on")


def test_commitment_page_in_spanish_has_the_section_and_no_form_for_visitors(client):
    commitment, _ = ended_commitment()
    factories.OutcomeCheckFactory(commitment=commitment)
    page = client.get(f"/commitments/{commitment.ogp_id}/").content.decode()
    assert 'id="outcomes"' in page
    assert "outcome-checks/new/" not in page


def test_check_before_the_plan_ends_is_refused_with_a_clear_form_error_and_api_400(
    client, api_client
):
    commitment, monitor = running_commitment()
    editor = factories.make_editor(monitor)
    client.force_login(editor)
    today = timezone.localdate().isoformat()

    response = client.post(form_url(commitment), form_data(checked_on=today), **EN)

    assert response.status_code == 400
    assert "Outcome checks open once the plan has ended" in response.content.decode()
    api = token_client(api_client, editor).post(
        api_url(commitment), form_data(checked_on=today), format="json", **EN
    )
    assert api.status_code == 400
    assert "Outcome checks open" in api.json()["non_field_errors"][0]
    assert not OutcomeCheck.objects.exists()


def test_completed_commitment_of_a_running_plan_may_be_checked(api_client):
    commitment, monitor = running_commitment(completion="complete")
    editor = factories.make_editor(monitor)
    today = timezone.localdate().isoformat()
    response = token_client(api_client, editor).post(
        api_url(commitment),
        form_data(checked_on=today, verdict="in_force_applied"),
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["verdict"] == "in_force_applied"
    assert response.json()["reported_by"] == monitor.slug


def test_irm_researcher_of_the_plan_may_record_and_one_of_another_plan_may_not(client):
    commitment, _ = ended_commitment()
    assigned = factories.make_researcher()
    factories.IRMReportFactory(action_plan=commitment.action_plan).researchers.add(assigned)
    elsewhere = factories.make_researcher()
    factories.IRMReportFactory().researchers.add(elsewhere)

    client.force_login(elsewhere)
    assert client.post(form_url(commitment), form_data()).status_code == 403
    client.force_login(assigned)
    assert client.post(form_url(commitment), form_data()).status_code == 302
    assert OutcomeCheck.objects.get().author == assigned
    assert IRMReport.objects.count() == 2


def test_plan_administrator_without_the_role_may_not_record(client, plan_admin):
    commitment, _ = ended_commitment()
    client.force_login(plan_admin)
    assert client.post(form_url(commitment), form_data()).status_code == 403


def test_evidence_is_required_unless_the_outcome_is_unknown(api_client):
    commitment, monitor = ended_commitment()
    api = token_client(api_client, factories.make_editor(monitor))
    refused = api.post(api_url(commitment), form_data(evidence_url=""), format="json")
    assert refused.status_code == 400 and "evidence_url" in refused.json()
    unknown = api.post(
        api_url(commitment), form_data(evidence_url="", verdict="unknown"), format="json"
    )
    assert unknown.status_code == 201


def test_evidence_file_is_checked_by_its_bytes_and_served_as_a_download(client):
    commitment, monitor = ended_commitment()
    client.force_login(factories.make_editor(monitor))
    fake = SimpleUploadedFile("informe.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(
        form_url(commitment), form_data(evidence_url="", evidence_file=fake), **EN
    )
    assert response.status_code == 400
    assert "is not a PDF, an image or an office document" in response.content.decode()

    real = SimpleUploadedFile("informe.pdf", PDF, "application/pdf")
    client.post(form_url(commitment), form_data(evidence_url="", evidence_file=real))
    check = OutcomeCheck.objects.get()
    served = client.get(f"/outcome-checks/{check.pk}/evidence/")
    assert served.status_code == 200 and served["Content-Type"] == "application/pdf"
    assert "attachment" in served["Content-Disposition"]


# --- Append-only ---------------------------------------------------------------------------------


def test_a_correction_is_a_new_check_and_the_first_stays_as_it_was(client, api_client):
    commitment, monitor = ended_commitment()
    client.force_login(factories.make_editor(monitor))
    client.post(form_url(commitment), form_data(verdict="in_force_applied"))
    first = OutcomeCheck.objects.get()

    client.post(
        form_url(commitment),
        form_data(verdict="weakened", checked_on="2015-07-01", corrects=str(first.pk)),
    )

    assert OutcomeCheck.objects.count() == 2
    first.refresh_from_db()
    assert first.verdict == "in_force_applied"
    correction = OutcomeCheck.objects.exclude(pk=first.pk).get()
    assert correction.corrects == first
    # The public API has no way to change or remove a check.
    assert api_client.patch(f"{API}/outcome-checks/{first.pk}/", {}).status_code == 405
    assert api_client.delete(f"{API}/outcome-checks/{first.pk}/").status_code == 405


def test_a_correction_must_be_about_the_same_commitment(api_client):
    commitment, monitor = ended_commitment()
    other = factories.OutcomeCheckFactory()
    response = token_client(api_client, factories.make_editor(monitor)).post(
        api_url(commitment), form_data(corrects=other.pk), format="json"
    )
    assert response.status_code == 400 and "corrects" in response.json()


def test_admin_shows_checks_read_only(client, plan_admin):
    check = factories.OutcomeCheckFactory()
    client.force_login(plan_admin)
    assert client.get("/admin/commitments/outcomecheck/").status_code == 200
    assert client.get("/admin/commitments/outcomecheck/add/").status_code == 403
    assert client.post(f"/admin/commitments/outcomecheck/{check.pk}/delete/").status_code == 403


# --- The figure, as of a day ------------------------------------------------------------------------


def completed_on(plan, day: datetime.date, completion: str = "complete"):
    """A commitment civil society reported `completion` on `day` (the dated record and the cache)."""
    commitment = factories.CommitmentFactory(
        action_plan=plan, self_reported_completion=completion, self_reported_as_of=day
    )
    factories.StatusUpdateFactory(commitment=commitment, completion=completion, as_of=day)
    return commitment


def test_plan_figure_counts_completed_still_in_force_as_of_a_day(client):
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2012, 1, 1), end_date=datetime.date(2014, 1, 1)
    )
    regulation = completed_on(plan, datetime.date(2013, 6, 1))
    commission = completed_on(plan, datetime.date(2013, 6, 1))
    completed_on(plan, datetime.date(2013, 6, 1))  # never checked
    completed_on(plan, datetime.date(2013, 6, 1), completion="limited")  # not completed
    factories.OutcomeCheckFactory(
        commitment=regulation, checked_on=datetime.date(2014, 6, 1), verdict="in_force_applied"
    )
    factories.OutcomeCheckFactory(
        commitment=regulation, checked_on=datetime.date(2015, 6, 1), verdict="dead_letter"
    )
    factories.OutcomeCheckFactory(
        commitment=commission, checked_on=datetime.date(2015, 3, 1), verdict="in_force_applied"
    )

    then = client.get(f"{API}/action-plans/{plan.ogp_id}/", {"as_of": "2014-12-31"}).json()
    now = client.get(f"{API}/action-plans/{plan.ogp_id}/").json()

    assert then["outcomes"]["completed"] == 3
    assert then["outcomes"]["in_force_applied"] == {"numerator": 1, "denominator": 3}
    assert then["outcomes"]["coverage"] == {"numerator": 1, "denominator": 3}
    assert then["outcomes"]["last_checked_on"] == "2014-06-01"
    assert now["outcomes"]["in_force_applied"] == {"numerator": 1, "denominator": 3}
    assert now["outcomes"]["coverage"] == {"numerator": 2, "denominator": 3}
    assert now["outcomes"]["verdicts"]["dead_letter"] == 1
    assert now["outcomes"]["verdicts"][NO_CHECK] == 1
    assert now["outcomes"]["last_checked_on"] == "2015-06-01"
    # Before anything was completed there is nothing to count.
    early = client.get(f"{API}/action-plans/{plan.ogp_id}/", {"as_of": "2013-01-01"}).json()
    assert early["outcomes"]["completed"] == 0
    page = client.get(f"/plans/{plan.ogp_id}/", **EN).content.decode()
    assert "Of the 3 commitments completed, 1 still in force and applied on" in page
    assert "Last check:" in page


def test_a_later_correction_counts_from_its_own_date_and_the_corrected_check_never(client):
    plan = factories.ActionPlanFactory()
    commitment = completed_on(plan, datetime.date(2013, 6, 1))
    first = factories.OutcomeCheckFactory(
        commitment=commitment, checked_on=datetime.date(2015, 1, 1), verdict="reversed"
    )
    factories.OutcomeCheckFactory(
        commitment=commitment,
        checked_on=datetime.date(2016, 1, 1),
        verdict="in_force_applied",
        corrects=first,
    )
    url = f"{API}/action-plans/{plan.ogp_id}/"
    # The corrected check was a mistake: before the correction's date there is no standing check.
    then = client.get(url, {"as_of": "2015-12-31"}).json()["outcomes"]["verdicts"]
    assert then["reversed"] == 0 and then[NO_CHECK] == 1
    assert client.get(url).json()["outcomes"]["in_force_applied"]["numerator"] == 1


def test_verdict_counts_in_the_schema_match_the_vocabulary():
    assert set(OutcomeVerdictCountsSerializer().fields) == {*OutcomeVerdict.values, NO_CHECK}


# --- The public list ------------------------------------------------------------------------------


def test_list_filters_by_member_plan_commitment_and_verdict(client):
    commitment, _ = ended_commitment()
    factories.OutcomeCheckFactory(commitment=commitment, verdict="weakened")
    factories.OutcomeCheckFactory(commitment=commitment, verdict="reversed")
    factories.OutcomeCheckFactory()  # another plan and member
    plan = commitment.action_plan
    for params in (
        {"member": plan.member.code},
        {"action_plan": plan.ogp_id},
        {"commitment": commitment.ogp_id},
    ):
        assert client.get(f"{API}/outcome-checks/", params).json()["count"] == 2, params
    weakened = client.get(
        f"{API}/outcome-checks/", {"action_plan": plan.ogp_id, "verdict": "weakened"}
    ).json()
    assert [row["verdict"] for row in weakened["results"]] == ["weakened"]
    bad = client.get(f"{API}/outcome-checks/", {"plan": plan.ogp_id})
    assert bad.status_code == 400 and "plan" in bad.json()
    assert client.get(f"{API}/outcome-checks/", {"verdict": "forgotten"}).status_code == 400


def test_list_as_csv_gives_every_check_and_names_no_person(client):
    commitment, monitor = ended_commitment()
    author = factories.make_editor(monitor, username="persona-secreta")
    factories.OutcomeCheckFactory(commitment=commitment, author=author, author_organization=monitor)
    factories.OutcomeCheckFactory(commitment=commitment, note="=HYPERLINK(1)")
    response = client.get(f"{API}/outcome-checks/", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 2
    assert {row["commitment"] for row in rows} == {commitment.ogp_id}
    assert monitor.slug in {row["reported_by"] for row in rows}
    assert "persona-secreta" not in body
    assert "'=HYPERLINK(1)" in {row["note"] for row in rows}


@pytest.mark.parametrize("n", [2, 20])
def test_list_queries_stay_flat(client, django_assert_num_queries, n):
    plan = factories.ActionPlanFactory()
    for _ in range(n):
        factories.OutcomeCheckFactory(commitment=factories.CommitmentFactory(action_plan=plan))
    # 1 the plan filtered on, 2 count and last change, 3 page of ids, 4 rows.
    with django_assert_num_queries(4):
        response = client.get(f"{API}/outcome-checks/", {"action_plan": plan.ogp_id})
    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [2, 20])
def test_plan_list_outcome_figures_stay_one_query(client, django_assert_num_queries, n):
    member = factories.MemberFactory()
    for _ in range(n):
        plan = factories.ActionPlanFactory(member=member)
        factories.OutcomeCheckFactory(
            commitment=factories.CommitmentFactory(
                action_plan=plan, self_reported_completion="complete"
            )
        )
    # 1 the member filtered on, 2 count, 3 page of ids, 4 rows, 5 completion, 6 outcome figures.
    with django_assert_num_queries(6):
        rows = client.get(f"{API}/action-plans/", {"member": member.code}).json()["results"]
    assert len(rows) == n
    assert all(row["outcomes"]["in_force_applied"]["numerator"] == 1 for row in rows)


# --- The integrity warning --------------------------------------------------------------------------


def warning_codes(client, plan) -> dict:
    body = client.get(f"{API}/action-plans/{plan.ogp_id}/warnings/").json()
    return {w["code"]: w for w in body["warnings"]}


def test_warning_flags_completed_commitments_unchecked_a_year_after_the_plan(client):
    commitment, _ = ended_commitment()
    found = warning_codes(client, commitment.action_plan)["completed_without_outcome_check"]
    assert found["facts"]["commitments"] == [commitment.ogp_id]
    page = client.get(f"/plans/{commitment.action_plan.ogp_id}/", **EN).content.decode()
    assert "Completed commitments nobody checked after the plan" in page

    factories.OutcomeCheckFactory(commitment=commitment)
    assert "completed_without_outcome_check" not in warning_codes(client, commitment.action_plan)


def test_no_warning_within_a_year_of_the_plan_end_or_for_incomplete_commitments(client):
    today = timezone.localdate()
    recent = factories.ActionPlanFactory(
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=100),
    )
    factories.CommitmentFactory(action_plan=recent, self_reported_completion="complete")
    assert "completed_without_outcome_check" not in warning_codes(client, recent)
    incomplete, _ = ended_commitment(self_reported_completion="limited")
    assert "completed_without_outcome_check" not in warning_codes(client, incomplete.action_plan)


def test_a_check_dated_in_the_future_or_before_the_plan_started_is_a_400(api_client):
    commitment, monitor = ended_commitment()
    api = token_client(api_client, factories.make_editor(monitor))
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    for day in (tomorrow, "2011-12-31"):  # the plan started on 2012-01-01
        response = api.post(api_url(commitment), form_data(checked_on=day), format="json")
        assert response.status_code == 400 and "checked_on" in response.json(), day
    assert not OutcomeCheck.objects.exists()


def test_the_api_root_names_the_outcome_check_list(client):
    collections = client.get(f"{API}/").json()["collections"]
    assert collections["outcome-checks"].endswith("/api/v1/outcome-checks/")


def test_the_database_refuses_a_check_without_evidence_or_with_an_unknown_verdict():
    commitment, _ = ended_commitment()
    author = factories.UserFactory()
    for fields in ({"verdict": "dead_letter"}, {"verdict": "forgotten", "evidence_url": "x"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            OutcomeCheck.objects.create(
                commitment=commitment, checked_on=datetime.date(2015, 1, 1), author=author, **fields
            )
