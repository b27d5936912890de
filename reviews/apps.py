from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("IRM reviews")

    def ready(self) -> None:
        # Cross-cutting: production start-up checks and security logging (signal receivers).
        from ogptracker import checks, security  # noqa: F401
