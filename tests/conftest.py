"""Shared fixtures. Named ones: world (tests/world.py), editor, researcher, plan_admin, api_client,
token_client, commitment, live_roles."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories
from tests.mutmut_order import (  # noqa: F401 (hooks: the test order under `make mutate`)
    pytest_collection_modifyitems,
    pytest_runtest_logreport,
    pytest_sessionfinish,
)
from tests.world import build_world


def find_shared_data(start: Path) -> Path:
    """`shared/data/ogp-irm` beside the checkout or beside any of its parent folders (a clean clone
    has ../shared beside it; a worktree in /work/wt/NAME finds /work/shared). Where none exists, the
    place beside the checkout, so the tests that need it fail saying where they looked."""
    for folder in start.parents:
        candidate = folder / "shared" / "data" / "ogp-irm"
        if candidate.is_dir():
            return candidate
    return start.parents[1] / "shared" / "data" / "ogp-irm"


SHARED_DATA = find_shared_data(Path(__file__).resolve().parent)
EXPLORER_CSV = SHARED_DATA / "explorer-2017-ogpirm_live_data.csv"
PROCESS_CSV = SHARED_DATA / "explorer-2017-process_database.csv"
CURRENT_HEADER_CSV = SHARED_DATA / "current-sheet-header.csv"
# Set by .ci/run: tests that need real services must fail, never skip, when they are missing.
REQUIRE_SERVICES = os.environ.get("OGP_REQUIRE_SERVICES") == "1"


def pytest_configure(config: pytest.Config) -> None:
    # Hashing each password the production way (PBKDF2, about 0.3 s) is what no test is about: every
    # test and every fixture, of any scope, hashes with the fast MD5 hasher. Set once for the session
    # rather than per test through the `settings` fixture.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No test fetches the internet: posting evidence links queues a check, which returns at once.
    # tests/commitments/test_evidence_links.py turns checks on against pages it serves itself.
    settings.EVIDENCE_LINK_CHECKS = False
    # Under pytest-xdist (`make test`) each worker is a session of its own: pytest-django gives it its
    # own test database (suffix _gw0, _gw1...), tmp_path gives it its own folders (and MEDIA_ROOT,
    # below), and here it gets its own Redis cache database, since cache.clear() empties a whole one.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    cache_url = os.environ.get("CACHE_URL")
    if worker and cache_url:
        url = worker_redis_url(cache_url, worker, os.environ.get("CELERY_BROKER_URL", ""))
        os.environ["CACHE_URL"] = url  # for what reads it: the throttle test, worker processes
        settings.CACHES["default"]["LOCATION"] = url


def worker_redis_url(url: str, worker: str, broker_url: str = "") -> str:
    """`url` with its database number moved up by the xdist worker's number (gw0 keeps it): with
    CACHE_URL=redis://host/1, gw0 uses database 1, gw1 database 2... Refuses to land on the broker's
    database or past Redis's 16."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    moved = urlunsplit(parts._replace(path=f"/{number}"))
    broker = urlsplit(broker_url)
    same_server = (broker.hostname, broker.port) == (parts.hostname, parts.port)
    if number > 15 or (same_server and int(broker.path.strip("/") or 0) == number):
        raise pytest.UsageError(
            f"xdist worker {worker} would use Redis database {number} for its cache ({moved}), "
            "which is the broker's or past 15: put the broker on a database below CACHE_URL's, "
            "or run fewer workers (--maxprocesses)."
        )
    return moved


# Set by mutmut (`make mutate`) in every test session it starts, one per mutant; never set by `make test`.
UNDER_MUTMUT = "MUTANT_UNDER_TEST" in os.environ


def migrated_template(root: Path) -> Path:
    """A SQLite database migrated once (`manage.py migrate`, no mutant active), named by a hash of
    the migrations so a changed migration builds a new one; a lock lets one session build it."""
    migrations = sorted(root.glob("*/migrations/*.py"))
    digest = hashlib.sha256(b"".join(m.read_bytes() for m in migrations)).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "ogp-mutmut-db"
    folder.mkdir(exist_ok=True)
    template = folder / f"template-{digest}.sqlite3"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{building}", "MUTANT_UNDER_TEST": ""}
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                cwd=root,
                env=env,
                check=True,
            )
            building.rename(template)
    return template


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request) -> None:
    # Under mutmut only: each mutant's session starts from a copy of a database migrated once,
    # instead of running every migration again (about 6 of the 8 seconds a one-test session takes).
    from django.conf import settings

    database = settings.DATABASES["default"]
    if not UNDER_MUTMUT or database["ENGINE"] != "django.db.backends.sqlite3":
        return
    template = migrated_template(Path(__file__).resolve().parents[1])
    copy = template.with_name(f"session-{os.getpid()}.sqlite3")
    shutil.copyfile(template, copy)
    database.setdefault("TEST", {})["NAME"] = str(copy)
    request.addfinalizer(lambda: copy.unlink(missing_ok=True))


@pytest.fixture(scope="session")
def django_db_keepdb(request) -> bool:
    # Under mutmut the copy above is the test database as it is (removed by its finalizer).
    return UNDER_MUTMUT or request.config.getvalue("reuse_db")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tasks_in_process():
    """Celery tasks run in the test's own process, as without a broker. CI sets a broker (and
    tests/integration runs a real worker against it), so a test that checks what a task does
    (an email sent, a link checked) asks for this fixture."""
    from ogptracker.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters and lockouts must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_explorer_csv() -> Path:
    assert EXPLORER_CSV.exists(), f"The shared IRM dataset is missing: {EXPLORER_CSV}"
    return EXPLORER_CSV


@pytest.fixture
def world(request, db):
    """The rows of tests/world.py: the "site" world, or the variant a marker names
    (`pytest.mark.world("figures")`). With `live_server` the database is transactional."""
    marker = request.node.get_closest_marker("world")
    return build_world(*marker.args) if marker else build_world()


@pytest.fixture
def editor(db):
    return factories.make_editor()


@pytest.fixture
def monitored(db):
    """A commitment and an editor whose organisation monitors it."""
    editor = factories.make_editor()
    commitment = factories.CommitmentFactory()
    commitment.monitoring_organizations.add(editor.profile.organization)
    return commitment, editor


@pytest.fixture
def researcher(db):
    return factories.make_researcher()


@pytest.fixture
def plan_admin(db):
    return factories.make_plan_admin()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def token_client():
    """An APIClient authenticated with `user`'s per-user token, as an integration would be."""

    def make(user) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def commitment(db):
    return factories.CommitmentFactory()


@pytest.fixture
def live_roles(transactional_db) -> None:
    """The role groups, recreated: a transactional test's flush removes what migrations created."""
    from ogptracker.roles import sync_roles

    sync_roles()
