from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Public questions")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from reviews.apps import _sync_roles

        # This app's permissions exist only once its own post_migrate has run: sync the role groups
        # again then, so responsible officials and plan administrators get theirs on the first run.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="questions.sync_roles")
