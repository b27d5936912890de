"""Load the Peru demo data and one user per role. Safe to run again: it changes nothing the second time."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from commitments.models import ActionPlan, Commitment
from reviews.demo import load_all
from reviews.demo.users import DEMO_USERS


class Command(BaseCommand):
    help = (
        "Load Peru's demo action plan with its IRM assessments, and one demo user per role. "
        "Passwords are random and printed only when a user is created or with --reset-passwords."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Give every demo user a new random password and print it.",
        )

    def handle(self, *args: Any, reset_passwords: bool = False, **options: Any) -> None:
        with transaction.atomic():
            users = load_all(reset_passwords=reset_passwords)

        for plan in ActionPlan.objects.filter(member__code="PER").order_by("number"):
            irm = Commitment.objects.filter(action_plan=plan).completion_figures().irm
            self.stdout.write(
                f"{plan.ogp_id}: {irm.total} commitments; IRM complete "
                f"{irm.complete_rate.numerator}/{irm.complete_rate.denominator}, high completion "
                f"{irm.high_completion_rate.numerator}/{irm.high_completion_rate.denominator}."
            )
        site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        if users.new_passwords:
            self.stdout.write("Demo users (passwords are shown this once; keep them now):")
            for demo in DEMO_USERS:
                if demo.username in users.new_passwords:
                    role = demo.role or "superuser"
                    self.stdout.write(
                        f"  {demo.username:<11} {users.new_passwords[demo.username]}  ({role})"
                    )
        else:
            self.stdout.write(
                "Demo users exist already; their passwords are unchanged "
                "(run `manage.py load_demo --reset-passwords` for new ones)."
            )
        self.stdout.write(f"Admin (planadmin, admin): {site}/admin/")
        with contextlib.suppress(NoReverseMatch):  # until the accounts pages are wired
            self.stdout.write(
                f"Site login (editor, researcher, official): {site}{reverse(settings.LOGIN_URL)}"
            )
