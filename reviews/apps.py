from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("IRM reviews")

    def ready(self) -> None:
        # The figures as they stood on a day need the IRM's level then: provided from here, so
        # that commitments never imports reviews.
        from commitments.figure_records import register_irm_level_as_of
        from commitments.figures import register_irm_latest_reports

        from .figures import irm_change_dates, irm_latest_reports, irm_ratings

        register_irm_level_as_of(irm_ratings, irm_change_dates)
        register_irm_latest_reports(irm_latest_reports)
