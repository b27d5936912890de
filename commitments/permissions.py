"""Object-level rules for status updates (civil society's and the government's voices) and for the
responsible officials of a commitment's lead organisations. Fail closed: no rule, no access."""

from __future__ import annotations

from .models import Commitment, Organization
from .models.vocab import Voice
from .roles import EDITOR, OFFICIAL


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


def official_organization(user, commitment: Commitment) -> Organization | None:
    """The organisation `user` speaks for on `commitment` as the government: theirs, when they are
    an active responsible official and it leads or co-leads the commitment; otherwise None. The one
    rule behind official answers (questions) and the government's self-assessment."""
    if not (user.is_authenticated and user.is_active and is_in_group(user, OFFICIAL)):
        return None
    organization = user_organization(user)
    if organization is None:
        return None
    if not Commitment.objects.led_by(organization).filter(pk=commitment.pk).exists():
        return None
    return organization


def can_report_for_government(user, commitment: Commitment) -> bool:
    """A responsible official of a lead or co-lead organisation may record the government's
    self-assessment of the commitment."""
    return user.has_perm("commitments.add_statusupdate") and (
        official_organization(user, commitment) is not None
    )


def reporting_voice(user, commitment: Commitment) -> str | None:
    """The voice `user`'s status update on `commitment` speaks in, from their role: the government's
    for a responsible official of a lead organisation, civil society's for an editor of a
    monitoring organisation; None when they may not report. A lead organisation speaks for the
    government even if it were also listed as monitoring its own commitment."""
    if can_report_for_government(user, commitment):
        return Voice.GOVERNMENT
    if can_report_on(user, commitment):
        return Voice.CIVIL_SOCIETY
    return None


def reportable_commitments(user):
    """The commitments `user` may post status updates on: those an editor's organisation monitors,
    or those a responsible official's organisation leads or co-leads (none for anyone else)."""
    if not (
        user.is_authenticated and user.is_active and user.has_perm("commitments.add_statusupdate")
    ):
        return Commitment.objects.none()
    if is_in_group(user, EDITOR):
        return Commitment.objects.monitored_by(user_organization(user))
    if is_in_group(user, OFFICIAL):
        return Commitment.objects.led_by(user_organization(user))
    return Commitment.objects.none()
