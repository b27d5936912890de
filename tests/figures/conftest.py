"""Fixtures for the background engine: a small hand-counted world, and fakes for task sending."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from commitments.models import ActionPlan, Commitment, Organization
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    OrganizationFactory,
    PolicyAreaFactory,
)


@dataclass
class World:
    plans: dict[str, ActionPlan]
    orgs: dict[str, Organization]
    commitments: dict[str, Commitment]


@pytest.fixture
def world(db) -> World:
    """Six commitments whose figures are counted by hand in the tests.

    c1 P1 irm complete      self substantial lead X  water, health  access to information
    c2 P1 irm limited       self -           lead X
    c3 P1 irm -             self -           no lead
    c4 P2 irm complete      self complete    lead Y
    c5 P3 irm not_started   self -           lead X  water          civic participation
    c6 P3 irm withdrawn     self withdrawn   lead Y
    Member AAA has P1 and P2; member BBB has P3.
    """
    aaa = MemberFactory(code="AAA", name="Aland")
    bbb = MemberFactory(code="BBB", name="Borduria")
    plans = {
        "P1": ActionPlanFactory(member=aaa, number=1, title="Aland plan 1"),
        "P2": ActionPlanFactory(member=aaa, number=2, title="Aland plan 2"),
        "P3": ActionPlanFactory(member=bbb, number=1, title="Borduria plan 1"),
    }
    orgs = {"X": OrganizationFactory(slug="org-x"), "Y": OrganizationFactory(slug="org-y")}
    water = PolicyAreaFactory(slug="water", name="Water")
    health = PolicyAreaFactory(slug="health", name="Health")
    spec = {
        "c1": ("P1", "complete", "substantial", "X", {"value_access_to_information": True}),
        "c2": ("P1", "limited", "", "X", {}),
        "c3": ("P1", "", "", None, {}),
        "c4": ("P2", "complete", "complete", "Y", {}),
        "c5": ("P3", "not_started", "", "X", {"value_civic_participation": True}),
        "c6": ("P3", "withdrawn", "withdrawn", "Y", {}),
    }
    commitments = {}
    for name, (plan, irm, self_reported, org, values) in spec.items():
        commitments[name] = CommitmentFactory(
            action_plan=plans[plan],
            irm_completion=irm,
            self_reported_completion=self_reported,
            lead_organization=orgs[org] if org else None,
            **values,
        )
    commitments["c1"].policy_areas.add(water, health)
    commitments["c5"].policy_areas.add(water)
    return World(plans=plans, orgs=orgs, commitments=commitments)


@dataclass
class Sent:
    """Calls that would have gone to the broker."""

    calls: list[tuple[tuple, dict]] = field(default_factory=list)

    def __call__(self, *args, **kwargs) -> None:
        self.calls.append((args, kwargs))


@pytest.fixture
def sent_recomputes(monkeypatch) -> Sent:
    from commitments import tasks

    sent = Sent()
    monkeypatch.setattr(tasks.recompute_completion_snapshots, "apply_async", sent)
    return sent


@pytest.fixture
def sent_notifications(monkeypatch) -> Sent:
    from commitments import tasks

    sent = Sent()
    monkeypatch.setattr(tasks.notify_status_update, "delay", sent)
    return sent
