"""The status update form (civil society's, and the government's self-assessment). Writes go through
commitments.services."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .evidence.files import check_evidence_uploads, too_large
from .models import Commitment, CompletionLevel, StatusUpdate
from .models.vocab import (
    AS_OF_IN_FUTURE,
    COMPLETION_DEFINITIONS,
    PAST_DATE_VALIDATORS,
    SELF_REPORTED_LEVELS,
    Voice,
)
from .services import EvidenceFile

MAX_LINKS = 10
MAX_FILES = 10
MAX_NOTE = 5000
# A line that reads as a web address without its scheme ("www.x.pe", "x.gob.pe/informe"): a host
# with a dot, no spaces.
BARE_ADDRESS = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$")


def scale_help_text(
    definition: Any, choices: list[tuple[str, Any]], meanings: dict[str, Any]
) -> SafeString:
    """A scale's definition, then what each of its values means, as safe HTML for a help text."""
    items = [(label, meanings[value]) for value, label in choices if value in meanings]
    if not items:
        return format_html("{}", definition)
    return format_html(
        '{}<dl class="scale-values">{}</dl>',
        definition,
        format_html_join("", "<dt>{}</dt><dd>{}</dd>", items),
    )


def completed_address(line: str) -> str:
    """`www.x.pe` as `https://www.x.pe`: what people type, made a web address."""
    if "://" not in line and BARE_ADDRESS.match(line):
        return "https://" + line
    return line


def date_input_field(label: str, help_text: str, *, past: bool = False) -> forms.DateField:
    """A date the user enters: the browser's date picker, typed as YYYY-MM-DD or DD/MM/YYYY.
    `past`: the day a report describes, checked as its service checks it (`PAST_DATE_VALIDATORS`)."""
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=help_text,
        validators=PAST_DATE_VALIDATORS if past else (),
        error_messages={"future": AS_OF_IN_FUTURE},
    )


def corrects_field(model: type, label: str, empty_label: str, help_text: str) -> forms.Field:
    """The earlier report of `model` a new one corrects (the form sets the choices)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model._default_manager.none(),
        required=False,
        empty_label=empty_label,
        help_text=help_text,
    )


class DatedReportForm(forms.Form):
    """Base of a dated report's form: its date (`date_field`) at most today, and today on a new
    form; the earlier reports a correction may name (`reports`, newest first), each shown as its
    date and its `label_field` (a choice: the level or verdict)."""

    date_field: ClassVar[str]
    label_field: ClassVar[str]

    def __init__(self, *args: Any, reports: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        corrects = self.fields["corrects"]
        corrects.queryset = reports.latest_first()
        corrects.label_from_instance = self.report_label
        self.fields[self.date_field].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial.setdefault(self.date_field, timezone.localdate())

    def report_label(self, report: Any) -> str:
        day = getattr(report, self.date_field)
        return f"{date_format(day, 'DATE_FORMAT')}: {getattr(report, f'get_{self.label_field}_display')()}"


def form_status(form: forms.Form) -> int:
    """The HTTP status of a page showing `form`: 400 once a submitted form has errors, else 200."""
    return 400 if form.is_bound and form.errors else 200


def show_size_limit(field: forms.Field) -> None:
    """The evidence size limit on a form's file field, in the reader's language: in its help text
    (`%(size)s`), and for the browser, which checks it before a long upload (static/js/forms.js,
    loaded by templates/_form.html); the server checks it again (commitments.evidence.files)."""
    field.help_text = field.help_text % {"size": filesizeformat(settings.EVIDENCE_MAX_BYTES)}
    field.widget.attrs["data-max-bytes"] = str(settings.EVIDENCE_MAX_BYTES)
    field.widget.attrs["data-too-large"] = too_large("{name}")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list (empty when none were chosen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class StatusUpdateForm(DatedReportForm):
    date_field = "as_of"
    label_field = "completion"

    completion = forms.ChoiceField(
        label=_("Completion level"),
        choices=[(level, CompletionLevel(level).label) for level in SELF_REPORTED_LEVELS],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_NOTE,
        help_text=_(
            "What was done since the last update, in a few sentences (at most %(max)s characters)."
        ),
    )
    links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "inputmode": "url"}),
        help_text=_(
            "One web address per line, such as https://www.gob.pe/informe "
            "(https:// is added when it is missing)."
        ),
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, images (PNG, JPEG, GIF, WebP) or office documents, up to %(size)s each."),
    )
    as_of = date_input_field(
        _("As of"),
        _("The date this status describes. It cannot be in the future."),
        past=True,
    )
    corrects = corrects_field(
        StatusUpdate,
        _("Corrects an earlier update"),
        _("No, this is a new update"),
        _(
            "Updates are never edited or deleted. To fix a mistake, post a new update that "
            "says which one it corrects."
        ),
    )

    def __init__(
        self, *args: Any, commitment: Commitment, voice: str = Voice.CIVIL_SOCIETY, **kwargs: Any
    ) -> None:
        # A correction corrects an update of the same voice (record_status_update checks it too).
        super().__init__(*args, reports=commitment.status_updates.filter(voice=voice), **kwargs)
        self.commitment = commitment
        show_size_limit(self.fields["files"])
        completion = self.fields["completion"]
        completion.help_text = scale_help_text(
            _("The same scale the IRM uses, so the three tracks can be compared."),
            list(completion.choices),
            COMPLETION_DEFINITIONS,
        )
        note = self.fields["note"]
        note.help_text = note.help_text % {"max": MAX_NOTE}
        # No maxlength attribute: the browser would cut a longer paste without a word. A counter
        # (static/js/forms.js) shows the length; a longer text is a form error here.
        note.widget.attrs.pop("maxlength", None)
        note.widget.attrs["data-max-length"] = str(MAX_NOTE)
        note.widget.attrs["data-counter"] = _("%(count)s of %(max)s characters") % {
            "count": "{count}",
            "max": MAX_NOTE,
        }

    def clean_links(self) -> list[str]:
        lines = [
            completed_address(line.strip())
            for line in self.cleaned_data["links"].splitlines()
            if line.strip()
        ]
        if len(lines) > MAX_LINKS:
            raise ValidationError(
                _("Give at most %(count)d links."), params={"count": MAX_LINKS}, code="max"
            )
        validate = URLValidator(schemes=["http", "https"])
        bad = []
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                bad.append(line)
            if len(line) > 1000:
                bad.append(line)
        # An address pasted with a space in it does start with https://: say what is wrong with it.
        spaced = [line for line in bad if line.startswith(("http://", "https://")) and " " in line]
        errors = [
            ValidationError(message, params={"bad": ", ".join(found)}, code="invalid")
            for message, found in (
                (
                    _(
                        "These addresses have a space in them: give one web address per line, "
                        "without spaces: %(bad)s"
                    ),
                    spaced,
                ),
                (
                    _("These are not web addresses starting with http:// or https://: %(bad)s"),
                    [line for line in bad if line not in spaced],
                ),
            )
            if found
        ]
        if errors:
            raise ValidationError(errors)
        return lines

    def clean_files(self) -> list[EvidenceFile]:
        uploads = self.cleaned_data["files"]
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Upload at most %(count)d files."), params={"count": MAX_FILES}, code="max"
            )
        return check_evidence_uploads(uploads)

    @property
    def dropped_files(self) -> list[str]:
        """Names of the files sent with a form that has errors: a browser never keeps them."""
        if not self.is_bound or not self.errors:
            return []
        return [upload.name for upload in self.files.getlist("files")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            "links" in cleaned
            and "files" in cleaned
            and not cleaned["links"]
            and not cleaned["files"]
            and not self.has_error("files")
        ):
            self.add_error("links", _("Give at least one link or file as evidence."))
        return cleaned
