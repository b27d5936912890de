from .members import Member, Organization, OrganizationAlias, Profile, normalize_name
from .plans import ActionPlan, Commitment, Milestone, PolicyArea
from .status import StatusEvidence, StatusUpdate
from .vocab import CompletionLevel, OGPValue

__all__ = [
    "ActionPlan",
    "Commitment",
    "CompletionLevel",
    "Member",
    "Milestone",
    "OGPValue",
    "Organization",
    "OrganizationAlias",
    "PolicyArea",
    "Profile",
    "StatusEvidence",
    "StatusUpdate",
    "normalize_name",
]
