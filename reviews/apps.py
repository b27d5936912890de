from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("IRM reviews")

    def ready(self) -> None:
        # Cross-cutting: production start-up checks and security logging (signal receivers).
        from django.db.models.signals import post_migrate

        from ogptracker import checks, security

        security.connect_deactivation()
        del checks  # imported for its registered checks

        # Models added by later migrations get their permissions after migrate: give the role
        # groups theirs then too (Django creates permissions the same way, on post_migrate).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="reviews.sync_roles")

        # The figures as they stood on a day need the IRM's level then: provided from here.
        from commitments.figure_records import register_irm_level_as_of
        from commitments.figures import register_irm_latest_reports

        from .figures import irm_change_dates, irm_latest_reports, irm_ratings

        register_irm_level_as_of(irm_ratings, irm_change_dates)
        register_irm_latest_reports(irm_latest_reports)


def _sync_roles(**kwargs: object) -> None:
    from ogptracker.roles import sync_roles

    sync_roles()
