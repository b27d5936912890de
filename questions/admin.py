"""Moderation and the correction queue, for plan administrators. Every change goes through
questions.services: hiding (with a reason), letting held questions through, handling a flag.
Official answers are shown, never edited."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from commitments.admin.base import NoAddOrChangeAdminMixin, ReadOnlyAdminMixin

from . import services
from .models import OfficialAnswer, Question


class OpenFlagFilter(admin.SimpleListFilter):
    title = _("correction queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("open", _("Open flags of wrong data"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "open":
            return queryset.open_flags()
        return queryset


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["hidden_reason", "resolution"]

    def clean(self) -> dict:
        data = super().clean()
        question = self.instance
        if "hidden_reason" in self.changed_data and question.state != Question.State.PUBLIC:
            self.add_error("hidden_reason", _("Only a public question can be hidden."))
        if "resolution" in self.changed_data and (
            question.kind != Question.Kind.FLAG or question.resolved_at is not None
        ):
            self.add_error("resolution", _("Only an open flag can be resolved."))
        return data


class AnswerInline(NoAddOrChangeAdminMixin, admin.TabularInline):
    model = OfficialAnswer
    fields = ["answered_at", "organization", "author", "text", "supersedes"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["commitment", "kind", "state", "published_at", "resolved_at", "short_text"]
    list_filter = [OpenFlagFilter, "kind", "state"]
    list_select_related = ["commitment"]
    search_fields = ["text", "commitment__ogp_id"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "commitment",
        "kind",
        "text",
        "author",
        "email",
        "name",
        "ip",
        "state",
        "created_at",
        "published_at",
        "hidden_at",
        "hidden_by",
        "resolved_at",
    ]
    fieldsets = [
        (None, {"fields": ["commitment", "kind", "text", "state", "created_at", "published_at"]}),
        (_("Asked by"), {"fields": ["author", "name", "email", "ip"]}),
        (_("Moderation"), {"fields": ["hidden_reason", "hidden_at", "hidden_by"]}),
        (_("Correction of a flag"), {"fields": ["resolution", "resolved_at"]}),
    ]
    inlines = [AnswerInline]
    actions = ["release"]

    @admin.display(description=_("text"))
    def short_text(self, obj: Question) -> str:
        return obj.text[:80]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # questions are asked on the site or through the API

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # hidden, never deleted: the history counts them

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        original = Question.objects.get(pk=obj.pk)
        try:
            if "hidden_reason" in form.changed_data:
                services.hide_question(
                    question=original, moderator=request.user, reason=obj.hidden_reason
                )
            if "resolution" in form.changed_data:
                services.resolve_flag(
                    question=original, moderator=request.user, resolution=obj.resolution
                )
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(
                request, "; ".join(getattr(exc, "messages", [str(exc)])), messages.ERROR
            )

    @admin.action(description=_("Let the selected held questions through"))
    def release(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = 0
        for question in queryset.filter(state=Question.State.HELD):
            try:
                services.release_question(question=question, moderator=request.user)
            except (ValidationError, PermissionDenied):
                continue
            done += 1
        self.message_user(request, _("%(n)d made public.") % {"n": done}, messages.SUCCESS)


@admin.register(OfficialAnswer)
class OfficialAnswerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    # Never added, edited or deleted here: a correction is a new answer.
    list_display = ["question", "organization", "answered_at", "supersedes"]
    list_select_related = ["question__commitment", "organization"]
    readonly_fields = ["question", "text", "author", "organization", "answered_at", "supersedes"]
