"""The project's own wiring, above every app: production start-up checks, security logging and the
role groups' permissions. Listed last in INSTALLED_APPS."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class OgpTrackerConfig(AppConfig):
    name = "ogptracker"
    verbose_name = "OGP Tracker"

    def ready(self) -> None:
        from . import checks, security

        security.connect_deactivation()
        del checks  # imported for its registered checks

        # Models added by later migrations get their permissions after migrate: give the role
        # groups theirs then too (Django creates permissions the same way, on post_migrate).
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="ogptracker.sync_roles")


def sync_roles_after_migrate(app_config: AppConfig, **kwargs: object) -> None:
    """Django makes each app's permissions on that app's post_migrate, in INSTALLED_APPS order:
    the role groups are set once the last app with models has had its own."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and app_config is with_models[-1]:
        from .roles import sync_roles

        sync_roles()
