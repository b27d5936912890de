"""Who may answer and who may moderate. Fail closed: no rule, no access."""

from __future__ import annotations

from commitments.models import Commitment, Organization
from commitments.permissions import is_in_group, user_organization
from commitments.roles import OFFICIAL, PLAN_ADMIN


def answering_organization(user, commitment: Commitment) -> Organization | None:
    """The organisation `user` answers for on `commitment`: theirs, when they are an active
    responsible official and it leads or co-leads the commitment; otherwise None."""
    if not (user.is_authenticated and user.is_active):
        return None
    if not is_in_group(user, OFFICIAL) or not user.has_perm("questions.add_officialanswer"):
        return None
    organization = user_organization(user)
    if organization is None:
        return None
    if not Commitment.objects.led_by(organization).filter(pk=commitment.pk).exists():
        return None
    return organization


def can_answer(user, commitment: Commitment) -> bool:
    return answering_organization(user, commitment) is not None


def can_moderate(user) -> bool:
    """Plan administrators moderate questions (hide with a reason, let held ones through)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and is_in_group(user, PLAN_ADMIN)
        and user.has_perm("questions.change_question")
    )
