"""The Django admin for plan administrators, one module per sub-domain: base.py (what every page
shares), people.py (members, organisations, users), plans.py (plans, commitments, milestones),
reports.py (the civil-society track, read-only), accountability.py (indicators, co-creation, plan
process, forums), evidence_links.py (link checks and reminders), system.py (follows,
notifications, visitors) and versioned.py (the change forms that refuse a save over a newer
version).

Every list page loads its rows with a fixed number of queries (select_related / annotate), and the
civil-society track is shown but never written here: status updates, their evidence and indicator
readings are append-only and go through commitments.services.
"""

# Importing a module registers its pages.
from . import accountability, evidence_links, people, plans, reports, system  # noqa: F401
from .base import MemberListFilter, PlanListFilter, PlanPickListMixin, ReadOnlyAdminMixin

__all__ = ["MemberListFilter", "PlanListFilter", "PlanPickListMixin", "ReadOnlyAdminMixin"]
