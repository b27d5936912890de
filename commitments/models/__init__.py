from .accountability import (
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)
from .follows import Follow, NotificationDelivery
from .members import (
    Member,
    Organization,
    OrganizationAlias,
    Profile,
    normalize_name,
    public_name,
)
from .outcomes import OutcomeCheck, OutcomeVerdict
from .plans import (
    PROVISIONAL_MARK,
    ActionPlan,
    Commitment,
    CommitmentFormerId,
    Milestone,
    PolicyArea,
)
from .progress import MilestoneProgress, ProgressLevel
from .snapshots import CompletionSnapshot, SnapshotRun
from .sources import SourceRecord
from .status import StatusEvidence, StatusUpdate
from .vocab import CompletionLevel, OGPValue

__all__ = [
    "PROVISIONAL_MARK",
    "ActionPlan",
    "Commitment",
    "CommitmentFormerId",
    "CompletionLevel",
    "CompletionSnapshot",
    "ConsultationEvent",
    "Follow",
    "IAP2Level",
    "Indicator",
    "IndicatorReading",
    "Member",
    "Milestone",
    "MilestoneProgress",
    "NotificationDelivery",
    "OGPValue",
    "Organization",
    "OrganizationAlias",
    "OutcomeCheck",
    "OutcomeVerdict",
    "Phase",
    "PlanProcess",
    "PolicyArea",
    "Profile",
    "ProgressLevel",
    "Proposal",
    "SnapshotRun",
    "SourceRecord",
    "StatusEvidence",
    "StatusUpdate",
    "normalize_name",
    "public_name",
]
