"""Fakes for task sending. The hand-counted figures world is `pytest.mark.world("figures")`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest


@dataclass
class Sent:
    """Calls that would have gone to the broker."""

    calls: list[tuple[tuple, dict]] = field(default_factory=list)

    def __call__(self, *args, **kwargs) -> None:
        self.calls.append((args, kwargs))


@pytest.fixture
def sent_notifications(monkeypatch) -> Sent:
    from commitments import tasks

    sent = Sent()
    monkeypatch.setattr(tasks.notify_status_update, "delay", sent)
    return sent
