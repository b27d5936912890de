"""Who may answer and who may moderate. Fail closed: no rule, no access."""

from __future__ import annotations

from commitments.models import Commitment, Organization
from commitments.permissions import is_in_group, official_organization
from commitments.roles import PLAN_ADMIN


def answering_organization(user, commitment: Commitment) -> Organization | None:
    """The organisation `user` answers for on `commitment`: theirs, when they are an active
    responsible official and it leads or co-leads the commitment; otherwise None."""
    if not (user.is_authenticated and user.has_perm("questions.add_officialanswer")):
        return None
    return official_organization(user, commitment)


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
