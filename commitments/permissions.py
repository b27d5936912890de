"""Object-level rules for the civil-society track. Fail closed: no rule, no access."""

from __future__ import annotations

from .models import Commitment, Organization
from .roles import EDITOR


def user_organization(user) -> Organization | None:
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.organization if profile is not None else None


def is_in_group(user, group_name: str) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=group_name).exists())


def can_report_on(user, commitment: Commitment) -> bool:
    """An active civil-society editor may report on the commitments their organisation monitors."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not is_in_group(user, EDITOR) or not user.has_perm("commitments.add_statusupdate"):
        return False
    organization = user_organization(user)
    return (
        organization is not None
        and commitment.monitoring_organizations.filter(pk=organization.pk).exists()
    )


def reportable_commitments(user):
    """The commitments `user` may post status updates on (none for anyone but an editor)."""
    if not (user.is_authenticated and user.is_active and is_in_group(user, EDITOR)):
        return Commitment.objects.none()
    return Commitment.objects.monitored_by(user_organization(user))
