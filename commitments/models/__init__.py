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
from .forums import ATTENDANCE_SECTORS, Forum, ForumMeeting
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
from .snapshots import CompletionSnapshot, SnapshotRun
from .sources import SourceRecord
from .status import StatusEvidence, StatusUpdate
from .vocab import CompletionLevel, OGPValue

__all__ = [
    "ATTENDANCE_SECTORS",
    "PROVISIONAL_MARK",
    "ActionPlan",
    "Commitment",
    "CommitmentFormerId",
    "CompletionLevel",
    "CompletionSnapshot",
    "ConsultationEvent",
    "Follow",
    "Forum",
    "ForumMeeting",
    "IAP2Level",
    "Indicator",
    "IndicatorReading",
    "Member",
    "Milestone",
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
    "Proposal",
    "SnapshotRun",
    "SourceRecord",
    "StatusEvidence",
    "StatusUpdate",
    "normalize_name",
    "public_name",
]
