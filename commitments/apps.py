from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        connection_created.connect(_sqlite_fold, dispatch_uid="commitments.sqlite_fold")


def _sqlite_fold(sender, connection, **kwargs) -> None:
    # Search on SQLite folds text in SQL as PostgreSQL does with ogp_fold (commitments.search.matching.Fold).
    if connection.vendor == "sqlite":
        from .models.members import normalize_name

        connection.connection.create_function(
            "ogp_fold",
            1,
            lambda text: None if text is None else normalize_name(text),
            deterministic=True,
        )
