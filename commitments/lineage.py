"""Lineage: a commitment may name its predecessors in earlier plans of the same member (the same reform
carried over). One service sets them; the page shows the line across plans; the plan warnings count
commitments carried over unchanged from the previous plan (`carried_over_unchanged`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ActionPlan, Commitment

Link = Commitment.predecessors.through  # from_commitment (the later) -> to_commitment (predecessor)
MAX_GENERATIONS = 20  # plans of one member; a guard, never reached by real data


def predecessor_errors(plan: ActionPlan, predecessors: Iterable[Commitment]) -> list[str]:
    """Why these cannot be predecessors of a commitment of `plan`: each must be in an earlier plan
    of the same member."""
    errors = []
    for predecessor in predecessors:
        earlier = predecessor.action_plan
        if earlier.member_id != plan.member_id or earlier.number >= plan.number:
            errors.append(
                _("%(ogp_id)s is not in an earlier plan of the same member.")
                % {"ogp_id": predecessor.ogp_id}
            )
    return errors


def set_predecessors(*, commitment: Commitment, predecessors: Iterable[Commitment]) -> None:
    """Replace a commitment's predecessors. Raises ValidationError; writes nothing then."""
    predecessors = list(predecessors)
    errors = predecessor_errors(commitment.action_plan, predecessors)
    if errors:
        raise ValidationError({"predecessors": errors})
    with transaction.atomic():
        commitment.predecessors.set(predecessors)
        # The API's validators (ETag, updated_since) see the change.
        Commitment.objects.filter(pk=commitment.pk).update(updated_at=timezone.now())


def lineage_line(commitment: Commitment) -> list[Commitment]:
    """The commitment with every ancestor and descendant, earliest plan first; [] when it has
    none. One query per generation to find them, one to read them."""
    seen = {commitment.pk}
    # Up through predecessors, down through successors: a predecessor's other successors (a
    # sibling's line) are not this commitment's.
    up, down = {commitment.pk}, {commitment.pk}
    for _generation in range(MAX_GENERATIONS):
        if not (up or down):
            break
        edges = Link.objects.filter(
            Q(from_commitment_id__in=up) | Q(to_commitment_id__in=down)
        ).values_list("from_commitment_id", "to_commitment_id")
        next_up, next_down = set(), set()
        for later, earlier in edges:
            if later in up and earlier not in seen:
                next_up.add(earlier)
            if earlier in down and later not in seen:
                next_down.add(later)
        seen |= next_up | next_down
        up, down = next_up, next_down
    if len(seen) == 1:
        return []
    return list(
        Commitment.objects.filter(pk__in=seen)
        .select_related("action_plan__member")
        .order_by("action_plan__member__name", "action_plan__number", "ogp_id")
    )


def carried_over_unchanged() -> Exists:
    """A commitment with a predecessor in its member's previous plan with the same title and text."""
    return Exists(
        Link.objects.filter(
            from_commitment_id=OuterRef("pk"),
            to_commitment__title=OuterRef("title"),
            to_commitment__full_text=OuterRef("full_text"),
            to_commitment__action_plan__member_id=OuterRef("action_plan__member_id"),
            to_commitment__action_plan__number=OuterRef("action_plan__number") - 1,
        )
    )
