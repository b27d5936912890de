"""Indicators on the commitment page: the readings with their chart (commitments.charts), and the
form that records a reading."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..charts.indicator import indicator_chart
from ..models import Commitment, Indicator, IndicatorReading
from ..models.reports import standing
from ..reports.views import ReportPage, evidence_link_field, post_report
from .services import can_record_reading, check_can_record_reading, record_indicator_reading


def indicator_context(commitment: Commitment, user: Any) -> dict[str, Any]:
    """What templates/accountability/commitment_indicators.html needs, in two queries plus the
    permission check."""
    indicators = list(Indicator.objects.filter(commitment=commitment).with_readings())
    rows = []
    for indicator in indicators:
        readings = list(indicator.readings.all())
        # Every reading is listed; one a later reading corrects is neither the latest nor drawn.
        counted = standing(readings)
        rows.append(
            {
                "indicator": indicator,
                "readings": readings,
                "latest": counted[-1] if counted else None,
                "chart": indicator_chart(indicator, counted),
            }
        )
    return {
        "indicators": rows,
        "can_record_reading": bool(indicators) and can_record_reading(user, commitment),
    }


class ReadingForm(forms.Form):
    # No max_digits: the service refuses more than ten digits before the point, with its own message.
    value = forms.DecimalField(label=gettext_lazy("Value"), decimal_places=4)
    as_of = forms.DateField(
        label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_url = evidence_link_field()
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)
    corrects = forms.ModelChoiceField(
        label=gettext_lazy("Corrects an earlier reading"),
        queryset=IndicatorReading.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = indicator.readings.order_by("-as_of", "-pk")


@login_required
def record_reading(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a reading of an indicator: the lead organisation's editors or a monitoring one."""
    indicator = get_object_or_404(Indicator.objects.for_list(), pk=pk)
    commitment = indicator.commitment
    check_can_record_reading(request.user, commitment)
    form, reading = post_report(request, ReadingForm, record_indicator_reading, indicator=indicator)
    context = {"indicator": indicator, "commitment": commitment, "today": timezone.localdate()}
    return READING_PAGE.respond(request, commitment, form, reading, lambda: context)


READING_PAGE = ReportPage(
    "accountability/reading_form.html",
    gettext_lazy("Reading recorded."),
    "indicator-{report.indicator_id}",
)
