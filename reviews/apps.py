from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("IRM reviews")

    def ready(self) -> None:
        # The figures as they stood on a day need the IRM's level then: provided from here, so
        # that commitments never imports reviews.
        from commitments.figures.as_of import register_irm_level_as_of
        from commitments.figures.counting import register_irm_latest_reports
        from commitments.outcomes.services import register_plan_researchers

        from .figures import irm_change_dates, irm_latest_reports, irm_ratings
        from .models import IRMReport

        register_irm_level_as_of(irm_ratings, irm_change_dates)
        register_irm_latest_reports(irm_latest_reports)
        # Outcome checks may be recorded by the IRM researchers of the commitment's plan.
        register_plan_researchers(
            lambda user, plan_id: (
                IRMReport.objects.researched_by(user).filter(action_plan_id=plan_id).exists()
            )
        )
