"""One demo user per role. Passwords are random and shown once: when the user is created, or when
the caller asks for new ones. No fixed password exists anywhere."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments.models import Organization, Profile
from commitments.roles import EDITOR, OFFICIAL, PLAN_ADMIN, RESEARCHER

from .upsert import set_m2m, upsert


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str  # a role group name, or "" for the superuser
    staff: bool = False
    superuser: bool = False
    organization_key: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("editor", EDITOR, organization_key="proetica"),
    DemoUser("researcher", RESEARCHER),
    # A responsible official of the Secretaría de Gestión Pública, which leads most of Peru's first
    # plan: answers public questions and records the government's (illustrative) self-assessment.
    DemoUser("official", OFFICIAL, organization_key="sgp"),
    DemoUser("planadmin", PLAN_ADMIN, staff=True),
    DemoUser("admin", "", staff=True, superuser=True),
)


@dataclass
class DemoUsers:
    by_username: dict[str, object] = field(default_factory=dict)
    # username -> the password just set; only users created or reset on this run.
    new_passwords: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, username: str):
        return self.by_username[username]


def load_users(organizations: dict[str, Organization], *, reset_passwords: bool) -> DemoUsers:
    User = get_user_model()
    result = DemoUsers()
    for demo in DEMO_USERS:
        created = not User.objects.filter(username=demo.username).exists()
        user, _ = upsert(
            User,
            {"username": demo.username},
            {
                "email": f"{demo.username}@example.org",
                "is_active": True,
                "is_staff": demo.staff,
                "is_superuser": demo.superuser,
            },
        )
        if created or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            result.new_passwords[demo.username] = password
        set_m2m(user, "groups", [Group.objects.get(name=demo.role)] if demo.role else [])
        if demo.organization_key:
            upsert(Profile, {"user": user}, {"organization": organizations[demo.organization_key]})
        result.by_username[demo.username] = user
    return result
