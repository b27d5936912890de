from .accountability import (
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)
from .members import Member, Organization, OrganizationAlias, Profile, normalize_name
from .plans import ActionPlan, Commitment, Milestone, PolicyArea
from .status import StatusEvidence, StatusUpdate
from .vocab import CompletionLevel, OGPValue

__all__ = [
    "ActionPlan",
    "Commitment",
    "CompletionLevel",
    "ConsultationEvent",
    "IAP2Level",
    "Indicator",
    "IndicatorReading",
    "Member",
    "Milestone",
    "OGPValue",
    "Organization",
    "OrganizationAlias",
    "Phase",
    "PlanProcess",
    "PolicyArea",
    "Profile",
    "Proposal",
    "StatusEvidence",
    "StatusUpdate",
    "normalize_name",
]
