"""The Django admin for the IRM track: reports, their assessments, and publishing.

Every write goes through reviews.services (save_report, delete_reports, save_assessments,
delete_assessments, publish_report), so versions, stars, the commitments' cached IRM status and the
figures move exactly as they do anywhere else.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from commitments.admin import MemberListFilter, PlanListFilter, PlanPickListMixin
from commitments.admin.versioned import VersionedAdminMixin, VersionedInlineMixin
from commitments.roles import RESEARCHER

from .importers.runs import confirm_import_run, rows_read, start_import_run
from .models import Assessment, ImportRun, IRMReport
from .services import (
    delete_assessments,
    delete_reports,
    publish_report,
    save_assessments,
    save_report,
)

LABEL_FIELDS = [
    "specificity_label",
    "verifiable_label",
    "potential_impact_label",
    "potential_for_results_label",
    "completion_label",
    "opened_government_label",
    "early_results_label",
]
COMPUTED_FIELDS = ["starred", "star_formula", "formula_stars", "source_stars"]


class AssessmentInline(VersionedInlineMixin, admin.StackedInline):
    model = Assessment
    extra = 0
    autocomplete_fields = ["commitment"]
    readonly_fields = COMPUTED_FIELDS
    classes = ["collapse"]
    fieldsets = [
        (None, {"fields": ["commitment"]}),
        (
            _("Design"),
            {
                "fields": [
                    ("specificity", "verifiable"),
                    "relevant",
                    (
                        "relevant_access_to_information",
                        "relevant_civic_participation",
                        "relevant_public_accountability",
                        "relevant_technology_innovation",
                    ),
                    "open_government_lens",
                    ("potential_impact", "potential_for_results", "promising"),
                ]
            },
        ),
        (
            _("Implementation"),
            {"fields": [("completion", "opened_government", "early_results")]},
        ),
        (
            _("Star (computed)"),
            {"fields": [("starred", "star_formula"), ("formula_stars", "source_stars")]},
        ),
        (None, {"fields": ["narrative", "sources"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("commitment")


@admin.register(IRMReport)
class IRMReportAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "action_plan",
        "kind",
        "methodology",
        "state",
        "published_on",
        "publication_year",
        "assessment_count",
    ]
    list_filter = [
        "state",
        "kind",
        "methodology",
        ("action_plan__member", MemberListFilter),
        ("action_plan", PlanListFilter),
    ]
    search_fields = ["title", "action_plan__ogp_id", "action_plan__title", "researchers__username"]
    autocomplete_fields = ["action_plan", "researchers"]
    # Publishing is an action (it moves the public figures); the state is not typed in.
    readonly_fields = ["state"]
    inlines = [AssessmentInline]
    actions = ["publish_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("action_plan__member")
            .annotate(assessment_total=Count("assessments"))
        )

    @admin.display(description=_("assessments"), ordering="assessment_total")
    def assessment_count(self, report: IRMReport) -> int:
        return report.assessment_total

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "researchers":
            # Only IRM researchers can be assigned; anyone else is a form error, not a silent grant.
            kwargs["queryset"] = get_user_model().objects.filter(groups__name=RESEARCHER)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("reviews.publish_irmreport")

    @admin.action(permissions=["publish"], description=_("Publish the selected reports"))
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        published = 0
        for report in queryset.order_by("pk"):
            try:
                publish_report(report=report, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{report}: {reason}", messages.WARNING)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d report published.", "%(count)d reports published.", published)
                % {"count": published},
                messages.SUCCESS,
            )

    def save_model(self, request: HttpRequest, obj: IRMReport, form: Any, change: bool) -> None:
        expected = form.cleaned_data.get("version") if change else None
        save_report(report=obj, user=request.user, expected_version=expected)

    def delete_model(self, request: HttpRequest, obj: IRMReport) -> None:
        delete_reports(reports=IRMReport.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_reports(reports=queryset)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not Assessment:
            super().save_formset(request, form, formset, change)
            return
        # Each changed assessment is saved over the version its inline form started from.
        started_from = {
            id(inline.instance): inline.cleaned_data.get("version")
            for inline in formset.forms
            if inline.instance.pk is not None and getattr(inline, "cleaned_data", None)
        }
        saved = formset.save(commit=False)
        save_assessments(
            user=request.user,
            assessments=[(a, started_from.get(id(a))) for a in saved],
            deleted=formset.deleted_objects,
        )
        formset.save_m2m()


@admin.register(Assessment)
class AssessmentAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "commitment",
        "report",
        "specificity",
        "potential_impact",
        "completion",
        "starred",
    ]
    list_filter = [
        ("report__action_plan__member", MemberListFilter),
        ("report__action_plan", PlanListFilter),
        "report__kind",
        "report__state",
        "completion",
        "specificity",
        "potential_impact",
        "starred",
    ]
    search_fields = [
        "commitment__ogp_id",
        "commitment__title",
        "commitment__short_title",
        "report__title",
        "report__action_plan__ogp_id",
    ]
    autocomplete_fields = ["report", "commitment"]
    list_select_related = ["report__action_plan", "commitment"]
    readonly_fields = [*COMPUTED_FIELDS, *LABEL_FIELDS]

    def _administers(self, request: HttpRequest) -> bool:
        return request.user.has_perm("reviews.publish_irmreport")

    def has_change_permission(self, request: HttpRequest, obj: Assessment | None = None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self._administers(request):
            return True
        # A researcher with staff status edits only drafts they are assigned to, as on the site.
        return IRMReport.objects.editable_by(request.user).filter(pk=obj.report_id).exists()

    def has_delete_permission(self, request: HttpRequest, obj: Assessment | None = None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or self.has_change_permission(request, obj)
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "report" and not self._administers(request):
            # Nor can a researcher add an assessment to, or move one into, a report they cannot edit.
            kwargs["queryset"] = IRMReport.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Assessment, form: Any, change: bool) -> None:
        expected = form.cleaned_data.get("version") if change else None
        save_assessments(user=request.user, assessments=[(obj, expected)])

    def delete_model(self, request: HttpRequest, obj: Assessment) -> None:
        delete_assessments(assessments=Assessment.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        delete_assessments(assessments=queryset)


class ImportRunForm(forms.ModelForm):
    class Meta:
        model = ImportRun
        fields = ["file"]
        help_texts = {
            "file": _(
                "A CSV export of OGP's commitments sheet or of the 2017 IRM Explorer table. It is "
                "checked first (nothing written); you then confirm to import it."
            )
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError(_("Upload the sheet as a .csv file (CSV UTF-8)."))
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Upload an OGP sheet, read the check's report (counts, conflicts, warnings with their rows),
    confirm. The same importer as `manage.py import_ogp_irm`."""

    form = ImportRunForm
    change_form_template = "admin/reviews/importrun/change_form.html"
    list_display = ["file_name", "state", "progress", "uploaded_by", "created_at", "finished_at"]
    list_filter = ["state"]
    actions = ["confirm_import"]
    readonly_fields = [
        "file_name",
        "state",
        "file_format",
        "progress",
        "check_report",
        "import_report",
        "uploaded_by",
        "confirmed_by",
        "created_at",
        "finished_at",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["file"] if obj is None else self.readonly_fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nothing is edited by hand: the page shows the reports and offers the confirmation.
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("rows read"))
    def progress(self, run: ImportRun) -> int:
        return rows_read(run)

    @admin.display(description=_("check (dry run)"))
    def check_report(self, run: ImportRun) -> str:
        return run.in_reader_language(run.check_reports) or self.get_empty_value_display()

    @admin.display(description=_("import"))
    def import_report(self, run: ImportRun) -> str:
        return run.in_reader_language(run.import_reports) or self.get_empty_value_display()

    def save_model(self, request: HttpRequest, obj: ImportRun, form: Any, change: bool) -> None:
        if change:
            return
        run = start_import_run(upload=form.cleaned_data["file"], user=request.user)
        obj.pk, obj.file, obj.file_name, obj.state = run.pk, run.file, run.file_name, run.state

    def response_add(
        self, request: HttpRequest, obj: ImportRun, post_url_continue: Any = None
    ) -> Any:
        # Straight to the run's page, where the check's report appears.
        self.message_user(
            request, _("%(file)s uploaded: its check is below.") % {"file": obj.file_name}
        )
        return HttpResponseRedirect(request.path.replace("/add/", f"/{obj.pk}/change/"))

    def response_change(self, request: HttpRequest, obj: ImportRun) -> Any:
        if "_confirm_import" in request.POST:
            try:
                confirm_import_run(run=obj, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
            else:
                self.message_user(request, _("Importing %(file)s.") % {"file": obj.file_name})
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description=_("Import the selected checked sheets"), permissions=["add"])
    def confirm_import(self, request: HttpRequest, queryset: QuerySet) -> None:
        started = 0
        for run in queryset:
            try:
                confirm_import_run(run=run, user=request.user)
                started += 1
            except ValidationError:
                self.message_user(
                    request,
                    _("%(file)s is not a checked sheet waiting for confirmation.")
                    % {"file": run.file_name},
                    messages.WARNING,
                )
        if started:
            self.message_user(
                request,
                ngettext("%(n)d import started.", "%(n)d imports started.", started)
                % {"n": started},
            )
