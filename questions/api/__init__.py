"""Questions and official answers in the API.

- GET /api/v1/questions/                        public list (member, action_plan, commitment,
                                                 organization, kind filters; ?format=csv)
- GET /api/v1/official-answers/                 official answers to public questions
- GET /api/v1/stats/questions/                  the figures per plan or organisation, ?as_of=
- POST /api/v1/commitments/{ogp_id}/questions/  ask, from an account (token or session)
- POST /api/v1/questions/{id}/answers/          answer officially (responsible officials)

Hidden questions stay in the list with their reason and without their text (counted publicly).

shapes.py (serializers), lists.py (filters, rows, viewsets), stats.py (figures), writes.py."""

from .lists import OfficialAnswerViewSet, QuestionViewSet
from .stats import QuestionStatsView
from .writes import AnswerCreate, QuestionCreate

__all__ = [
    "AnswerCreate",
    "OfficialAnswerViewSet",
    "QuestionCreate",
    "QuestionStatsView",
    "QuestionViewSet",
]
