"""Public read-only API over the accountability records: indicators and their readings, co-creation
proposals, consultation events and each plan's process data. Same shape as the other lists (lean
rows from `.values_list()`, id pagination, strict filters, ?format=csv): filters.py, serializers.py
(the rows' shapes), rows.py (the row builders), views.py. The plan-integrity warnings read IRM data,
so they live in the IRM app."""

from .views import (
    ConsultationEventViewSet,
    IndicatorReadingViewSet,
    IndicatorViewSet,
    PlanProcessViewSet,
    ProposalViewSet,
)

__all__ = [
    "ConsultationEventViewSet",
    "IndicatorReadingViewSet",
    "IndicatorViewSet",
    "PlanProcessViewSet",
    "ProposalViewSet",
]
