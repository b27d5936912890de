from .accountability import (
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)
from .commitments import PROVISIONAL_MARK, Commitment, CommitmentFormerId, commitment_field
from .evidence_links import (
    CheckOutcome,
    EvidenceLink,
    LinkCheckResult,
    LinkError,
    LinkState,
    link_state,
)
from .follows import (
    Follow,
    NotificationDelivery,
    VisitorFollow,
    VisitorNotification,
    VisitorRequest,
)
from .forums import ATTENDANCE_SECTORS, Forum, ForumMeeting
from .history import VersionedModel
from .members import (
    Member,
    Organization,
    OrganizationAlias,
    Profile,
    normalize_name,
    public_author,
    public_name,
    public_name_of,
    strip_accents,
)
from .milestones import Milestone
from .outcomes import OutcomeCheck, OutcomeVerdict
from .plans import ActionPlan, PolicyArea, action_plan_field
from .progress import MilestoneProgress, ProgressLevel
from .reminders import StatusReminder
from .sources import SourceRecord
from .status import StatusEvidence, StatusUpdate
from .vocab import CompletionLevel, OGPValue

__all__ = [
    "ATTENDANCE_SECTORS",
    "PROVISIONAL_MARK",
    "ActionPlan",
    "CheckOutcome",
    "Commitment",
    "CommitmentFormerId",
    "CompletionLevel",
    "ConsultationEvent",
    "EvidenceLink",
    "Follow",
    "Forum",
    "ForumMeeting",
    "IAP2Level",
    "Indicator",
    "IndicatorReading",
    "LinkCheckResult",
    "LinkError",
    "LinkState",
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
    "SourceRecord",
    "StatusEvidence",
    "StatusReminder",
    "StatusUpdate",
    "VersionedModel",
    "VisitorFollow",
    "VisitorNotification",
    "VisitorRequest",
    "action_plan_field",
    "commitment_field",
    "link_state",
    "normalize_name",
    "public_author",
    "public_name",
    "public_name_of",
    "strip_accents",
]
