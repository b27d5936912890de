"""A plan's multi-stakeholder forum and its meetings: OGP asks that the forum meet at least every six
months. Entered by plan administrators in the admin; read in public through the minimum
requirements (commitments.requirements.rules) and the API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import action_plan_field
from .vocab import PAST_DATE_VALIDATORS

# The attendance columns of a meeting, in the order pages and exports show them.
ATTENDANCE_SECTORS = ("government", "civil_society", "private_sector", "other")


class ForumQuerySet(models.QuerySet):
    def for_list(self) -> ForumQuerySet:
        return self.select_related("action_plan__member").order_by("action_plan__ogp_id", "pk")


class Forum(models.Model):
    """The body that oversees a plan: government and non-government members meeting regularly."""

    action_plan = action_plan_field("forums", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    meetings_known = models.BooleanField(
        _("its meetings are on record"),
        default=True,
        help_text=_(
            "Untick when the forum's meetings are not known (or only some of them are): the "
            "requirement then reads 'unknown' instead of 'met' or 'not met'."
        ),
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where these facts come from."))
    updated_at = models.DateTimeField(auto_now=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan", "pk"]
        verbose_name = _("multi-stakeholder forum")
        verbose_name_plural = _("multi-stakeholder forums")

    def __str__(self) -> str:
        return self.name


class ForumMeetingQuerySet(models.QuerySet):
    def for_list(self) -> ForumMeetingQuerySet:
        return self.select_related("forum__action_plan__member").order_by("forum_id", "date", "pk")


class ForumMeeting(models.Model):
    """One meeting of a forum, with who attended by sector (empty: not recorded)."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField(_("date"), validators=PAST_DATE_VALIDATORS)
    government = models.PositiveSmallIntegerField(_("government attendees"), null=True, blank=True)
    civil_society = models.PositiveSmallIntegerField(
        _("civil-society attendees"), null=True, blank=True
    )
    private_sector = models.PositiveSmallIntegerField(
        _("private-sector attendees"), null=True, blank=True
    )
    other = models.PositiveSmallIntegerField(_("other attendees"), null=True, blank=True)
    minutes_url = models.URLField(_("minutes (link)"), max_length=1000, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ForumMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "date", "pk"]
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "date"],
                name="forum_meeting_one_per_day",
                violation_error_message=_("This forum already has a meeting on that date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum} {self.date.isoformat()}"
