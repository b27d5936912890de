from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Data releases")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from reviews.apps import _sync_roles

        # This app's permissions exist only once its own post_migrate has run (after reviews'):
        # sync the role groups again then, so plan administrators get theirs on the first migrate.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="releases.sync_roles")
