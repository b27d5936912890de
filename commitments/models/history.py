"""The history kept of records whose links (many-to-many fields) the public change history shows."""

from __future__ import annotations

from simple_history.models import HistoricalRecords


class LinkedHistoricalRecords(HistoricalRecords):
    """django-simple-history's HistoricalRecords with `m2m_fields`, minus the copy of links on the
    record written as a row is created: no link can point at a row before it exists, so the copy
    would cost one query per kept field and find nothing (three per commitment created)."""

    def create_historical_record_m2ms(self, history_instance, instance):
        if history_instance.history_type == "+":
            return
        super().create_historical_record_m2ms(history_instance, instance)
