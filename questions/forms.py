"""The page forms: they check shape only; the rules are in questions.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from commitments.models import Organization

from .models import OfficialAnswer, Question
from .services import MAX_TEXT


class HoneypotField(forms.BoundField):
    """Rendered out of sight and out of the tab order by the shared form template's field loop."""

    def as_field_group(self) -> SafeString:
        return format_html(
            '<div class="hp-field" aria-hidden="true">{}{}</div>',
            self.label_tag(),
            self.as_widget(),
        )


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=[
            (Question.Kind.QUESTION, _("Ask a public question")),
            (Question.Kind.FLAG, _("Report data on this page as wrong")),
        ],
        initial=Question.Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your question or what is wrong"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    email = forms.EmailField(
        label=_("Your email address (never shown)"),
        required=False,
        max_length=254,
        help_text=_("Without an account: we send a link to confirm before it is published."),
    )
    name = forms.CharField(label=_("Name shown (optional)"), required=False, max_length=120)
    # The honeypot: hidden from people by CSS, filled in by form-filling robots.
    website = forms.CharField(
        label="Website",
        required=False,
        bound_field_class=HoneypotField,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, visitor: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not visitor:
            del self.fields["email"]
            del self.fields["name"]
        else:
            self.fields["email"].required = True
            self.fields["text"].help_text = _("Links are not accepted without an account.")


class AnswerForm(forms.Form):
    """An official answer to `question` on behalf of `organization`; with `supersedes` (the
    question's latest answer, given as initial or sent back) it corrects that answer."""

    text = forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5}))
    supersedes = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, question: Question, organization: Organization, **kwargs: Any
    ) -> None:
        # One form per question on the page: their fields need ids of their own.
        super().__init__(*args, auto_id=f"answer-{question.pk}-%s", **kwargs)
        self.question = question
        if self["supersedes"].value() in (None, ""):
            label = _("Answer officially on behalf of %(org)s")
        else:
            label = _(
                "Correct the answer on behalf of %(org)s (the earlier one stays, marked superseded)"
            )
        self.fields["text"].label = label % {"org": organization}

    def clean(self) -> dict:
        # The answer corrected is a hidden field: its refusal is the form's, shown in its box.
        cleaned = super().clean()
        pk = cleaned.get("supersedes")
        if pk is not None:
            answer = OfficialAnswer.objects.filter(pk=pk, question=self.question).first()
            if answer is None:
                self.add_error(None, _("That answer belongs to another question."))
            cleaned["supersedes"] = answer
        return cleaned


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding (shown in public)"), max_length=500)

    def __init__(self, *args, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, auto_id=f"hide-{question.pk}-%s", **kwargs)
