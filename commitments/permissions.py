"""Object-level rules for status updates (civil society's and the government's voices) and for the
responsible officials of a commitment's lead organisations. Fail closed: no rule, no access."""

from __future__ import annotations

from .models import Commitment, Organization
from .models.commitments import CommitmentQuerySet
from .models.vocab import Voice
from .roles import EDITOR, OFFICIAL


def user_organization(user) -> Organization | None:
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.organization if profile is not None else None


def is_in_group(user, group_name: str) -> bool:
    return bool(user.is_authenticated and user.groups.filter(name=group_name).exists())


def reporting_scopes(user) -> list[tuple[str, CommitmentQuerySet]]:
    """Each voice `user` may post status updates in, with the commitments it covers, the
    government's first: a responsible official's organisation leads or co-leads them, a
    civil-society editor's monitors them. Someone with both roles has both; anyone else, none."""
    if not (
        user.is_authenticated and user.is_active and user.has_perm("commitments.add_statusupdate")
    ):
        return []
    roles = set(user.groups.filter(name__in=[OFFICIAL, EDITOR]).values_list("name", flat=True))
    if not roles:
        return []
    organization = user_organization(user)
    scopes = []
    if OFFICIAL in roles:
        scopes.append((Voice.GOVERNMENT, Commitment.objects.led_by(organization)))
    if EDITOR in roles:
        scopes.append((Voice.CIVIL_SOCIETY, Commitment.objects.monitored_by(organization)))
    return scopes


def _reports_in(user, commitment: Commitment, voice: str) -> bool:
    return any(
        scope_voice == voice and commitments.filter(pk=commitment.pk).exists()
        for scope_voice, commitments in reporting_scopes(user)
    )


def can_report_on(user, commitment: Commitment) -> bool:
    """An active civil-society editor may report on the commitments their organisation monitors."""
    return _reports_in(user, commitment, Voice.CIVIL_SOCIETY)


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
    return _reports_in(user, commitment, Voice.GOVERNMENT)


def reporting_voice(user, commitment: Commitment) -> str | None:
    """The voice `user`'s status update on `commitment` speaks in, from their role: the government's
    for a responsible official of a lead organisation, civil society's for an editor of a
    monitoring organisation; None when they may not report. A lead organisation speaks for the
    government even if it were also listed as monitoring its own commitment."""
    for voice, commitments in reporting_scopes(user):
        if commitments.filter(pk=commitment.pk).exists():
            return voice
    return None


def reportable_commitments(user) -> CommitmentQuerySet:
    """The commitments `user` may post status updates on: every one a role of theirs covers
    (`reporting_scopes`), in one query."""
    commitments = Commitment.objects.none()
    for _voice, covered in reporting_scopes(user):
        commitments = commitments | covered
    return commitments
