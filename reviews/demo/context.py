"""What every plan loader receives: the member, its organisations and the demo users."""

from __future__ import annotations

from dataclasses import dataclass

from commitments.models import Member, Organization

from .users import DemoUsers


@dataclass(frozen=True)
class DemoContext:
    member: Member
    organizations: dict[str, Organization]
    users: DemoUsers
