"""Demo data: Peru's action plans with their IRM assessments, and one user per role.

`load_demo` runs `load_all`. Each plan has its own module with a `load(context)` function; append the
next plan's loader to LOADERS.
"""

from __future__ import annotations

from collections.abc import Callable

from . import peru, peru_plan1, peru_plan1_after, peru_plan1_government, peru_plan2
from .context import DemoContext
from .users import DemoUsers, load_users

LOADERS: list[Callable[[DemoContext], None]] = [
    peru_plan1.load,
    peru_plan1_after.load,
    peru_plan1_government.load,
    peru_plan2.load,
]


def load_all(*, reset_passwords: bool = False) -> DemoUsers:
    """Write all demo data (idempotent). The caller wraps this in one transaction."""
    member = peru.load_member()
    organizations = peru.load_organizations(member)
    users = load_users(organizations, reset_passwords=reset_passwords)
    context = DemoContext(member=member, organizations=organizations, users=users)
    for loader in LOADERS:
        loader(context)
    return users
