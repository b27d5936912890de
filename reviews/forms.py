"""The IRM assessment form: only the scales of the report's methodology, each explained."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from commitments.forms import scale_help_text
from commitments.versioning import RefusesStaleMixin

from .models import Assessment
from .scales import BOOLEAN_SCALES, METHODOLOGY_SCALES, SCALE_DEFINITIONS, VALUE_DEFINITIONS

NOT_RATED = _("Not rated")


def _help_text(field: str, choices: list[tuple[str, Any]]) -> str:
    return scale_help_text(SCALE_DEFINITIONS[field], choices, VALUE_DEFINITIONS.get(field, {}))


def _to_bool(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


class AssessmentForm(RefusesStaleMixin, forms.Form):
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the IRM found, in the report's words."),
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Documents, interviews and links the finding rests on, one per line."),
    )
    # The version the researcher started from: saving over a newer one is refused, never lost.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, methodology: str, viewer: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer  # the researcher: a refusal says when the other save was theirs
        self.scale_names = METHODOLOGY_SCALES.get(methodology, ())
        model_fields = {f.name: f for f in Assessment._meta.get_fields()}
        scale_fields: dict[str, forms.Field] = {}
        for name in self.scale_names:
            model_field = model_fields[name]
            if name in BOOLEAN_SCALES:
                choices = [("", NOT_RATED), ("true", _("Yes")), ("false", _("No"))]
                scale_fields[name] = forms.TypedChoiceField(
                    label=capfirst(model_field.verbose_name),
                    choices=choices,
                    coerce=_to_bool,
                    empty_value=None,
                    required=False,
                    help_text=_help_text(name, choices),
                )
            else:
                choices = list(model_field.choices)
                scale_fields[name] = forms.ChoiceField(
                    label=capfirst(model_field.verbose_name),
                    choices=[("", NOT_RATED), *choices],
                    required=False,
                    help_text=_help_text(name, choices),
                )
        # Scales first, in the order the IRM's reports use, then the narrative and sources.
        self.fields = {**scale_fields, **self.fields}

    @staticmethod
    def initial_from(assessment: Assessment | None, methodology: str) -> dict[str, Any]:
        if assessment is None:
            # Started from no assessment: one a co-researcher saved since is refused as stale.
            return {"version": 0}
        initial: dict[str, Any] = {
            "narrative": assessment.narrative,
            "sources": assessment.sources,
            "version": assessment.version,
        }
        for name in METHODOLOGY_SCALES.get(methodology, ()):
            value = getattr(assessment, name)
            if name in BOOLEAN_SCALES:
                initial[name] = "" if value is None else ("true" if value else "false")
            else:
                initial[name] = value
        return initial
