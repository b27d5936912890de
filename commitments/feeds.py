"""Atom feeds, without an account: the status updates on a plan, a commitment or an organisation."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import ActionPlan, Commitment, Organization, StatusUpdate, public_author

FEED_LENGTH = 50


class StatusUpdateFeed(Feed):
    """The latest status updates of something, newest first; one query for any number of items."""

    feed_type = Atom1Feed
    # What the feed is about: its model, the field that is also the URL's keyword, its page.
    model: type[Model]
    key: str
    page: str

    def get_object(self, request: HttpRequest, **kwargs: str) -> Model:
        # The key typed in any case (`/plans/ap_per01/feed/`) finds its record, as on its page.
        return get_object_or_404(self.model._default_manager.by_key(kwargs[self.key]))

    def link(self, obj: Model) -> str:
        return reverse(self.page, kwargs={self.key: getattr(obj, self.key)})

    def updates(self, obj) -> QuerySet[StatusUpdate]:
        raise NotImplementedError

    def items(self, obj) -> list[StatusUpdate]:
        return list(
            self.updates(obj)
            .select_related("commitment", "author", "author_organization")
            .order_by("-recorded_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: StatusUpdate) -> str:
        return _("%(ogp_id)s: %(level)s, as of %(date)s") % {
            "ogp_id": item.commitment.ogp_id,
            "level": item.get_completion_display(),
            "date": date_format(item.as_of, "DATE_FORMAT"),
        }

    def item_description(self, item: StatusUpdate) -> str:
        # Plain text: the syndication framework escapes it.
        title = item.commitment.short_title or item.commitment.title
        return f"{title}\n\n{item.note}" if item.note else title

    def item_link(self, item: StatusUpdate) -> str:
        url = reverse("commitments:commitment", kwargs={"ogp_id": item.commitment.ogp_id})
        return f"{url}#update-{item.pk}"

    def item_guid(self, item: StatusUpdate) -> str:
        return f"statusupdate:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: StatusUpdate):
        return item.recorded_at

    def item_updateddate(self, item: StatusUpdate):
        return item.recorded_at

    def item_author_name(self, item: StatusUpdate) -> str:
        return public_author(item)


class PlanFeed(StatusUpdateFeed):
    model, key, page = ActionPlan, "ogp_id", "commitments:plan"

    def title(self, obj: ActionPlan) -> str:
        return _("Status updates: %(plan)s") % {"plan": obj}

    def description(self, obj: ActionPlan) -> str:
        return _("Civil society's status reports on the commitments of %(plan)s.") % {"plan": obj}

    def updates(self, obj: ActionPlan) -> QuerySet[StatusUpdate]:
        return StatusUpdate.objects.filter(commitment__action_plan=obj)


class CommitmentFeed(StatusUpdateFeed):
    model, key, page = Commitment, "ogp_id", "commitments:commitment"

    def title(self, obj: Commitment) -> str:
        return _("Status updates: %(commitment)s") % {"commitment": obj}

    def description(self, obj: Commitment) -> str:
        return _("Civil society's status reports on %(commitment)s.") % {"commitment": obj}

    def updates(self, obj: Commitment) -> QuerySet[StatusUpdate]:
        return StatusUpdate.objects.filter(commitment=obj)


class OrganizationFeed(StatusUpdateFeed):
    model, key, page = Organization, "slug", "commitments:organization"

    def title(self, obj: Organization) -> str:
        return _("Status updates: %(organization)s") % {"organization": obj}

    def description(self, obj: Organization) -> str:
        return _(
            "Status reports on the commitments %(organization)s leads, supports or monitors."
        ) % {"organization": obj}

    def updates(self, obj: Organization) -> QuerySet[StatusUpdate]:
        involved = Commitment.objects.involving(obj).values("pk")
        return StatusUpdate.objects.filter(commitment__in=involved)
