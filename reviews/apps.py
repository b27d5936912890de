from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("IRM reviews")

    def ready(self) -> None:
        # Cross-cutting: production start-up checks and security logging (signal receivers).
        from django.db.models.signals import post_migrate

        from ogptracker import checks, security  # noqa: F401

        # Models added by later migrations get their permissions after migrate: give the role
        # groups theirs then too (Django creates permissions the same way, on post_migrate).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="reviews.sync_roles")


def _sync_roles(**kwargs: object) -> None:
    from commitments.roles import sync_roles

    sync_roles()
