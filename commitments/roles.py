"""The product's roles: the names of their Django groups and how people read them. Which model
permissions each group holds spans every app, so it is set above them (ogptracker.roles); object
rules live in `commitments.permissions` and in each model's QuerySet methods (`visible_to(user)`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EDITOR = "Civil-society editor"
RESEARCHER = "IRM researcher"
PLAN_ADMIN = "Plan administrator"
OFFICIAL = "Responsible official"

ROLE_LABELS = {
    EDITOR: _("Civil-society editor"),
    RESEARCHER: _("IRM researcher"),
    PLAN_ADMIN: _("Plan administrator"),
    OFFICIAL: _("Responsible official"),
}


def role_label(group_name: str) -> str:
    """A role's name in the reader's language (the stored group name is English, the code's key)."""
    return str(ROLE_LABELS.get(group_name, group_name))
