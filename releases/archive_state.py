"""Which migrations a dataset archive was made at, and how an archive made by an older version is
restored: the empty database is migrated back to that state, the records are loaded with the
models of that state, and the migrations are run forward again. So every data migration since the
archive was made (stars recomputed, search text filled, ids the first release guessed made
provisional...) applies to a restored backup exactly as it applied to a database that was upgraded
in place: one way for older data to become today's, the migrations.

Archives record their state in the manifest (`"migrations"`: the latest migration of each of the
project's apps). An archive without it (made before 8 December 2026, the first release included)
is placed by its tables and columns: the latest migration whose models have exactly the archive's
tables and, for each table with rows, exactly its columns."""

from __future__ import annotations

from typing import Any

from django.apps.registry import Apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ModelState, ProjectState

# The apps whose migrations an archive is placed by (Django's own apps move with Django, not with
# this project's releases).
PROJECT_APPS = ("commitments", "reviews", "questions", "releases")

State = dict[str, str | None]
# The latest migrations an archive that does not record its state can have been made at: archives
# record it from 8 December 2026 (this module), so a later migration (a data migration above all,
# which changes no table) is never taken as already applied to an older archive.
UNRECORDED_UP_TO = {
    "commitments": "0033_link_check_results_one_per_change",
    "reviews": "0008_import_runs_in_reader_language",
    "questions": "0001_initial",
    "releases": "0001_release_data_release",
}


def _loader() -> MigrationLoader:
    return MigrationLoader(connections[DEFAULT_DB_ALIAS])


def _app_plan(loader: MigrationLoader, app: str) -> list[str]:
    """The app's migration names in the order they apply."""
    leaves = loader.graph.leaf_nodes(app)
    if not leaves:
        return []
    return [name for label, name in loader.graph.forwards_plan(leaves[0]) if label == app]


def app_migrations(app: str) -> list[str]:
    """The names of an app's migrations, in the order they apply."""
    return _app_plan(_loader(), app)


def applied_state() -> State:
    """The latest applied migration of each project app (None: none applied)."""
    loader = _loader()
    state: State = {}
    for app in PROJECT_APPS:
        applied = [n for n in _app_plan(loader, app) if (app, n) in loader.applied_migrations]
        state[app] = applied[-1] if applied else None
    return state


def serialized_fields(model: ModelState) -> set[str]:
    """The field names Django's serializer writes for a model (no primary key; many-to-many only
    through a table Django makes)."""
    names = set()
    for name, field in model.fields.items():
        if field.primary_key:
            continue
        if field.many_to_many and field.remote_field.through is not None:
            continue
        names.add(name)
    return names


def _signature(state: ProjectState, app: str) -> dict[str, set[str]]:
    return {
        f"{app}.{name}": serialized_fields(model)
        for (label, name), model in state.models.items()
        if label == app and model.options.get("managed", True) and not model.options.get("proxy")
    }


def inferred_state(
    models: list[str], fields: dict[str, set[str]], skipped: frozenset[str]
) -> State | None:
    """The migrations an archive without a recorded state was made at, from its tables (`models`)
    and the columns of the tables with rows (`fields`); None when no state has them."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    graph = loader.graph
    archived = {app: {m for m in models if m.split(".")[0] == app} for app in PROJECT_APPS}
    found: State = {app: None for app in PROJECT_APPS if not archived[app]}
    state = ProjectState(real_apps=loader.unmigrated_apps)
    seen: set[tuple[str, str]] = set()
    capped: set[str] = set()
    for leaf in graph.leaf_nodes():
        for node in graph.forwards_plan(leaf):
            if node in seen:
                continue
            seen.add(node)
            state = graph.nodes[node].mutate_state(state, preserve=False)
            app = node[0]
            if app not in PROJECT_APPS or not archived[app] or app in capped:
                continue
            if node[1] == UNRECORDED_UP_TO[app]:
                capped.add(app)
            signature = {k: v for k, v in _signature(state, app).items() if k not in skipped}
            if set(signature) == archived[app] and all(
                signature[label] == columns
                for label, columns in fields.items()
                if label in signature
            ):
                found[app] = node[1]  # the latest that matches: later ones may differ again
    if any(app not in found for app in PROJECT_APPS):
        return None
    return found


def migrate_to(state: State) -> None:
    """Move the project's apps to `state` (back or forward), quietly."""
    for app, name in state.items():
        call_command(
            "migrate", app, name or "zero", verbosity=0, interactive=False, skip_checks=True
        )


def migrate_forward() -> list[str]:
    """Apply every migration not yet applied; the ones applied, as "app name"."""
    loader = _loader()
    before = set(loader.applied_migrations)
    call_command("migrate", verbosity=0, interactive=False, skip_checks=True)
    after = _loader()
    plan = [
        node
        for leaf in after.graph.leaf_nodes()
        for node in after.graph.forwards_plan(leaf)
        if node not in before and node in after.applied_migrations
    ]
    return [f"{app} {name}" for app, name in dict.fromkeys(plan)]


def state_apps() -> Apps:
    """The models as the applied migrations define them (not as today's code does)."""
    loader = _loader()
    applied = set(loader.applied_migrations)
    tips = [
        node
        for node in applied
        if node in loader.graph.nodes
        and not any(child in applied for child in loader.graph.node_map[node].children)
    ]
    return loader.project_state(tips, at_end=True).apps


class StateDeserializer(PythonDeserializer):
    """Django's deserializer, reading records into the models of a migration state."""

    def __init__(self, object_list: Any, *, apps: Apps, **options: Any) -> None:
        super().__init__(object_list, **options)
        self.apps = apps

    def _get_model_from_node(self, model_identifier: str) -> Any:  # type: ignore[override]
        try:
            return self.apps.get_model(model_identifier)
        except (LookupError, TypeError):
            raise serializers.base.DeserializationError(
                f"Invalid model identifier: {model_identifier}"
            ) from None
