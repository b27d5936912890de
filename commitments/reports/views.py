"""What the web pages of dated reports share (status updates, commitments.views; outcome checks,
commitments.outcomes.views; milestone progress, commitments.progress.views; indicator readings,
commitments.accountability.views): the form's evidence file and correction fields, recording through
the report's service (`post_report`, the one way these pages write), the page's answer (`ReportPage`:
back to the commitment once recorded, else the form again), and serving the evidence file back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from ..evidence.files import check_evidence_upload, evidence_response
from ..forms import DatedReportForm, completed_address, form_status, show_size_limit
from ..models import Commitment
from ..services import EvidenceFile

Report = TypeVar("Report", bound=Model)
Form = TypeVar("Form", bound=forms.Form)


def evidence_file_field() -> forms.FileField:
    """A report's one evidence file; `ReportForm` shows its size limit and checks it."""
    return forms.FileField(
        label=gettext_lazy("Evidence (file)"),
        required=False,
        help_text=gettext_lazy(
            "PDF, images (PNG, JPEG, GIF, WebP) or office documents, up to %(size)s."
        ),
    )


class EvidenceLinkField(forms.CharField):
    """A report's evidence link, completed as people type it (`www.x.pe` is https://www.x.pe);
    what is still not a web address is the service's to refuse, in its words."""

    def to_python(self, value: Any) -> str:
        return completed_address(super().to_python(value))


LINK_HELP = gettext_lazy(
    "A web address such as https://www.gob.pe/informe (https:// is added when it is missing)."
)


def evidence_link_field(needs: str = "") -> EvidenceLinkField:
    """A report's one evidence link; `needs` says, after the help, when evidence is required."""
    return EvidenceLinkField(
        label=gettext_lazy("Evidence (link)"),
        required=False,
        max_length=1000,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
        help_text=format_lazy("{} {}", LINK_HELP, needs) if needs else LINK_HELP,
    )


class ReportForm(DatedReportForm):
    """A `DatedReportForm` with one evidence file (`evidence_file_field`), its size limit shown and
    checked in the browser (`show_size_limit`), then checked here as every evidence file is, and
    named again when the form comes back with errors (`dropped_file`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        show_size_limit(self.fields["evidence_file"])

    def clean_evidence_file(self) -> EvidenceFile | None:
        upload = self.cleaned_data.get("evidence_file")
        return check_evidence_upload(upload) if upload else None

    @property
    def dropped_file(self) -> str:
        """The name of the file sent with a form that has errors: a browser never keeps it
        (templates/reports/_reattach.html asks for it again)."""
        if not self.is_bound or not self.errors or "evidence_file" not in self.files:
            return ""
        return self.files["evidence_file"].name


def record_from_form(
    form: forms.Form, record: Callable[..., Report], **scope: Any
) -> Report | None:
    """The report `record` writes from a valid form's data (plus `scope`: what it is about, who
    writes it), or None with the service's refusals added to the form."""
    try:
        return record(**scope, **form.cleaned_data)
    except ValidationError as error:
        for name, errors in error.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    return None


def post_report(
    request: HttpRequest,
    form_class: Callable[..., Form],
    record: Callable[..., Report],
    **scope: Any,
) -> tuple[Form, Report | None]:
    """The page's form (bound on a POST; `scope` says what the report is about) and the report
    `record` wrote from it by the requesting user, None unless the form was valid and accepted."""
    if request.method != "POST":
        return form_class(**scope), None
    form = form_class(request.POST, request.FILES, **scope)
    if not form.is_valid():
        return form, None
    return form, record_from_form(form, record, author=request.user, **scope)


def back_to_commitment(
    request: HttpRequest, commitment: Commitment, anchor: str, message: str
) -> HttpResponseRedirect:
    """After a report is recorded: `message` shown once, and the commitment's page at `anchor`
    (the report, or what it is about)."""
    messages.success(request, message)
    page = reverse("commitments:commitment", args=[commitment.ogp_id])
    return redirect(f"{page}#{anchor}")


@dataclass(frozen=True)
class ReportPage:
    """The page that records one kind of report: once `post_report` wrote it, the commitment's page
    at `anchor` (formatted with the `report`) saying `recorded`; else `template` with the form."""

    template: str
    recorded: Any
    anchor: str

    def respond(
        self,
        request: HttpRequest,
        commitment: Commitment,
        form: forms.Form,
        report: Model | None,
        context: Callable[[], dict[str, Any]],
    ) -> HttpResponse:
        """The answer to `post_report`'s form and report; `context()` (the page's other values) is
        only read to show the form, which answers 400 when a posted form has errors."""
        if report:
            anchor = self.anchor.format(report=report)
            return back_to_commitment(request, commitment, anchor, str(self.recorded))
        return render(request, self.template, {"form": form, **context()}, status=form_status(form))


def serve_evidence(model: type[Model], pk: int) -> FileResponse:
    """A report's evidence file, served as status evidence is (never as HTML)."""
    report = get_object_or_404(model._default_manager.exclude(evidence_file=""), pk=pk)
    return evidence_response(
        report.evidence_file, report.evidence_content_type, report.evidence_download_name
    )
