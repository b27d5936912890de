"""Every report form that takes evidence treats it the same way (issue 14): a bare address such as
`www.gob.pe/informe` is saved as https://www.gob.pe/informe, a file over the limit is refused with
the same message in the reader's language, and the file input carries the limit and the message the
browser checks before a long upload (static/js/forms.js, loaded by the page). The outcome check form
did none of the browser's part and refused bare addresses. Everything through URLs."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import IndicatorReading, MilestoneProgress, OutcomeCheck, StatusEvidence
from tests import factories
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

LIMIT = 1024  # bytes: "1.0 KB" in English, "1,0 KB" in Spanish
TOO_LARGE = {
    "en": "informe.pdf is larger than 1.0\xa0KB.",
    "es": "informe.pdf pesa más de 1,0\xa0KB.",
}
BROWSER_MESSAGE = {"en": "{name} is larger than 1.0\xa0KB.", "es": "{name} pesa más de 1,0\xa0KB."}


@dataclass(frozen=True)
class Scene:
    commitment: object
    milestone: object
    indicator: object
    editor: object


@pytest.fixture
def scene(settings) -> Scene:
    """A commitment of a plan that ended (outcome checks are open) with a milestone and an
    indicator, monitored by a civil-society organisation whose editor reports on all of them."""
    settings.EVIDENCE_MAX_BYTES = LIMIT
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return Scene(
        commitment=commitment,
        milestone=factories.MilestoneFactory(commitment=commitment),
        indicator=factories.IndicatorFactory(commitment=commitment),
        editor=factories.make_editor(monitor),
    )


@dataclass(frozen=True)
class ReportForm:
    """One report form as a user fills it in: its page, a valid report, its evidence fields and
    where the link it saved is read back."""

    name: str
    link_field: str
    file_field: str | None

    def url(self, scene: Scene) -> str:
        ogp_id = scene.commitment.ogp_id
        return {
            "status update": f"/commitments/{ogp_id}/report/",
            "milestone progress": (
                f"/commitments/{ogp_id}/milestones/{scene.milestone.pk}/progress/new/"
            ),
            "outcome check": f"/commitments/{ogp_id}/outcome-checks/new/",
            "indicator reading": f"/indicators/{scene.indicator.pk}/readings/new/",
        }[self.name]

    def data(self, **evidence: object) -> dict:
        report = {
            "status update": {"completion": "limited", "as_of": "2013-06-01"},
            "milestone progress": {"level": "partially_met", "reported_on": "2013-05-31"},
            "outcome check": {"verdict": "dead_letter", "checked_on": "2015-06-30"},
            "indicator reading": {"value": "12.5", "as_of": "2016-06-30"},
        }[self.name]
        return {**report, "note": "Acta de la sesión.", "corrects": "", **evidence}

    def saved_links(self) -> list[str]:
        if self.name == "status update":
            return list(StatusEvidence.objects.values_list("url", flat=True))
        model = {
            "milestone progress": MilestoneProgress,
            "outcome check": OutcomeCheck,
            "indicator reading": IndicatorReading,
        }[self.name]
        return list(model.objects.values_list("evidence_url", flat=True))


STATUS = ReportForm("status update", "links", "files")
PROGRESS = ReportForm("milestone progress", "evidence_url", "evidence_file")
OUTCOME = ReportForm("outcome check", "evidence_url", "evidence_file")
READING = ReportForm("indicator reading", "evidence_url", None)
EVERY_FORM = [STATUS, PROGRESS, OUTCOME, READING]
FORMS_WITH_A_FILE = [STATUS, PROGRESS, OUTCOME]


def _ids(form: ReportForm) -> str:
    return form.name.replace(" ", "_")


def oversized_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("informe.pdf", PDF_BYTES + b"0" * LIMIT, "application/pdf")


@pytest.mark.parametrize("form", EVERY_FORM, ids=_ids)
def test_a_bare_address_is_saved_as_https(client, scene, form):
    client.force_login(scene.editor)

    response = client.post(form.url(scene), form.data(**{form.link_field: "www.gob.pe/informe"}))

    assert response.status_code == 302, response.context["form"].errors
    assert form.saved_links() == ["https://www.gob.pe/informe"]


@pytest.mark.parametrize("form", EVERY_FORM, ids=_ids)
def test_the_link_help_says_https_is_added(client, scene, form):
    client.force_login(scene.editor)

    html = client.get(form.url(scene), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "https://www.gob.pe/informe" in html
    assert "se agrega https:// si falta" in html or "si falta https://, se añade" in html


@pytest.mark.parametrize("form", EVERY_FORM, ids=_ids)
def test_text_that_is_not_an_address_is_refused_in_the_same_words(client, scene, form):
    client.force_login(scene.editor)

    response = client.post(
        form.url(scene),
        form.data(**{form.link_field: "acta"}),
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "con http:// o https://" in html and "URL válida" not in html
    assert form.saved_links() == []


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("form", FORMS_WITH_A_FILE, ids=_ids)
def test_an_oversized_file_is_refused_in_the_readers_language(client, scene, form, language):
    client.force_login(scene.editor)

    response = client.post(
        form.url(scene),
        form.data(
            **{form.link_field: "https://www.gob.pe/informe", form.file_field: oversized_pdf()}
        ),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 400
    assert response.context["form"].errors[form.file_field] == [TOO_LARGE[language]]
    assert TOO_LARGE[language] in response.content.decode()
    assert form.saved_links() == []


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("form", FORMS_WITH_A_FILE, ids=_ids)
def test_the_file_input_carries_the_browser_size_check(client, scene, form, language):
    client.force_login(scene.editor)

    html = client.get(form.url(scene), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    file_input = html[html.index(f'name="{form.file_field}"') :]
    file_input = file_input[: file_input.index(">")]
    assert f'data-max-bytes="{LIMIT}"' in file_input
    assert f'data-too-large="{BROWSER_MESSAGE[language]}"' in file_input
    assert "js/forms." in html  # the script that reads them


def test_the_outcome_form_on_the_commitment_page_checks_the_size_in_the_browser_too(client, scene):
    client.force_login(scene.editor)

    html = client.get(
        f"/commitments/{scene.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    outcomes = html[html.index('id="outcomes"') :]
    assert f'data-max-bytes="{LIMIT}"' in outcomes
    assert f'data-too-large="{BROWSER_MESSAGE["es"]}"' in outcomes
    assert "js/forms." in html


REATTACH = {
    STATUS.name: "Adjunte sus archivos otra vez:",
    "one file": "Adjunte su archivo otra vez:",
}


@pytest.mark.parametrize("form", FORMS_WITH_A_FILE, ids=_ids)
def test_a_form_sent_back_with_errors_asks_for_the_file_again(client, scene, form):
    client.force_login(scene.editor)
    pdf = SimpleUploadedFile("acta.pdf", PDF_BYTES, "application/pdf")

    response = client.post(
        form.url(scene),
        form.data(**{form.link_field: "acta", form.file_field: pdf}),
        HTTP_ACCEPT_LANGUAGE="es",
    )

    assert response.status_code == 400
    error_box = response.content.decode().split('id="form-errors"')[1].split("</div>")[0]
    assert REATTACH.get(form.name, REATTACH["one file"]) in error_box
    assert "acta.pdf" in error_box
