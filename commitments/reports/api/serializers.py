"""The columns every dated report's API shapes share (outcome checks, milestone progress), for the
row serializers and the write serializers alike. No view imports here, so the action-plan
serializer can reach the outcome shapes without a cycle."""

from __future__ import annotations

from typing import Any

from django.core.validators import URLValidator
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.evidence.files import check_evidence_upload
from commitments.forms import MAX_NOTE, completed_address


def place_columns() -> tuple[Any, ...]:
    """commitment, action_plan, member: the OGP ids of what a report is about."""
    return (
        serializers.CharField(help_text=_("OGP id of the commitment.")),
        serializers.CharField(help_text=_("OGP id of the plan.")),
        serializers.CharField(help_text=_("The member's OGP code.")),
    )


def report_columns(*, reported_by: str, corrects: str, recorded_at: str) -> tuple[Any, ...]:
    """note, evidence_url, evidence_file, evidence_file_name, reported_by, corrects, recorded_at:
    the columns a report's row ends with; the help texts given name the kind of report."""
    return (
        serializers.CharField(allow_blank=True, help_text=_("What was found.")),
        serializers.CharField(allow_blank=True, help_text=_("Link to the evidence, or empty.")),
        serializers.CharField(
            allow_null=True, help_text=_("Address of the uploaded evidence file, null when none.")
        ),
        serializers.CharField(
            allow_blank=True, help_text=_("The evidence file's name as uploaded, or empty.")
        ),
        serializers.CharField(allow_null=True, help_text=reported_by),
        serializers.IntegerField(allow_null=True, help_text=corrects),
        serializers.DateTimeField(help_text=recorded_at),
    )


class WebLinkField(serializers.URLField):
    """An evidence link, as the forms take it: completed when it has no scheme (`www.x.pe` is
    https://www.x.pe, `commitments.forms.completed_address`), then http or https only, refused
    once with the message the forms and the services give (DRF's URLField adds a validator of its
    own, allowing ftp, so a second one doubled every message)."""

    default_error_messages = {"invalid": _("Enter a link starting with http:// or https://.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators[-1] = URLValidator(
            schemes=["http", "https"], message=self.error_messages["invalid"]
        )

    def to_internal_value(self, data: Any) -> str:
        return completed_address(super().to_internal_value(data))


def report_write_fields(model: type[Model]) -> tuple[Any, ...]:
    """note, evidence_url, evidence_file, corrects: what a new report of `model` may carry besides
    its date and its level."""
    return (
        serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True),
        WebLinkField(max_length=1000, required=False, allow_blank=True),
        serializers.FileField(
            required=False, help_text=_("Evidence file (multipart): PDF, image or office document.")
        ),
        serializers.PrimaryKeyRelatedField(
            queryset=model._default_manager.none(), required=False, allow_null=True
        ),
    )


# Base of a report's write serializer: the evidence file checked as the form checks it; the
# correction chosen among the context's `reports` (those about the same thing). A comment, not a
# docstring: a serializer's docstring becomes its description in the schema.
class ReportWriteSerializer(serializers.Serializer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reports = self.context.get("reports")
        if reports is not None:
            self.fields["corrects"].queryset = reports.all()

    def validate_evidence_file(self, upload: Any) -> Any:
        return check_evidence_upload(upload)  # DRF turns its ValidationError into this field's
