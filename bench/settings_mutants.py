"""Mutation testing of ogptracker/settings.py (`make mutate-settings`): mutmut mutates functions, not
module-level settings, so this applies a fixed list of hand-made regressions, one at a time, and
runs the tests that should notice each.

Each mutant is a copy of settings.py with one change, written to a temporary folder as its own
settings module (DJANGO_SETTINGS_MODULE and --ds point at it; subprocesses such as `manage.py
check` inherit both). ogptracker/settings.py itself is never written, so stopping the script at any
moment (Ctrl-C) leaves nothing to restore. First the unchanged copy runs every selection: a test
failing there would make every "killed" below meaningless, so the script stops.

    .venv/bin/python bench/settings_mutants.py            # every mutant
    .venv/bin/python bench/settings_mutants.py csp https  # those whose name contains a word

Prints killed/survived per mutant (with the first test that failed) and the score. Each mutant is
a pytest session of its own: 20 to 40 s each on a loaded 2-core machine, 30 to 45 minutes in all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "ogptracker" / "settings.py"
MODULE = "ogp_settings_mutant"

# The tests each group of mutants is run against.
LIMITS = ["tests/security/test_api_limits.py", "tests/api/test_rate_limit.py"]
ATOMIC = ["tests/api/test_atomic_throttle.py"]
VISITORS = ["tests/security/test_visitor_limit.py"]
HEADERS = ["tests/security/test_headers_and_cookies.py"]
HTTPS = ["tests/security/test_https_in_production.py"]
LOGINS = ["tests/security/test_logins_and_passwords.py", "tests/security/test_login_security.py"]
BODIES = ["tests/security/test_body_limits.py", "tests/security/test_request_size_limit.py"]
EVIDENCE = ["tests/security/test_evidence_link_default.py"]
WRITES = ["tests/api/test_default_permission.py"]
PRIVATE = ["tests/web/test_private_caching.py"]
JSON = ["tests/api/test_json_errors.py"]
DELIVERY = ["tests/deployment/test_task_delivery_defaults.py"]
STARTUP = [
    "tests/security/test_environment.py::test_a_bad_value_stops_start_up_naming_the_variable[env6-SECRET_KEY]"
]


@dataclass(frozen=True)
class Mutant:
    name: str
    old: str
    new: str
    tests: list[str]


def drop(line: str, tests: list[str], name: str) -> Mutant:
    """A mutant that removes one whole line (a middleware, a validator, a directive)."""
    return Mutant(name, line + "\n", "", tests)


MUTANTS = [
    # Throttling
    Mutant("throttle: anonymous rate x10", '"120/minute"', '"1200/minute"', LIMITS),
    Mutant("throttle: signed-in rate x10", '"600/minute"', '"6000/minute"', LIMITS),
    drop(
        '        "ogptracker.throttling.AnonRateThrottle",', LIMITS, "throttle: anonymous dropped"
    ),
    drop(
        '        "ogptracker.throttling.UserRateThrottle",', LIMITS, "throttle: signed-in dropped"
    ),
    Mutant(
        "throttle: DRF's non-atomic anonymous throttle",
        '"ogptracker.throttling.AnonRateThrottle"',
        '"rest_framework.throttling.AnonRateThrottle"',
        ATOMIC,
    ),
    Mutant(
        "throttle: X-Forwarded-For trusted by default",
        'NUM_PROXIES = env_int("NUM_PROXIES", 0)',
        'NUM_PROXIES = env_int("NUM_PROXIES", 1)',
        LIMITS,
    ),
    Mutant(
        "throttle: visitor questions/follows x10 an hour",
        '"VISITOR_REQUESTS_PER_HOUR", 5,',
        '"VISITOR_REQUESTS_PER_HOUR", 50,',
        VISITORS,
    ),
    # Content-Security-Policy
    Mutant(
        "csp: script-src gains 'unsafe-inline'",
        '"script-src": ["\'self\'"]',
        '"script-src": ["\'self\'", "\'unsafe-inline\'"]',
        HEADERS,
    ),
    Mutant(
        "csp: style-src gains 'unsafe-inline'",
        '"style-src": ["\'self\'"]',
        '"style-src": ["\'self\'", "\'unsafe-inline\'"]',
        HEADERS,
    ),
    Mutant("csp: img-src gains https:", '"data:"]', '"data:", "https:"]', HEADERS),
    Mutant(
        "csp: connect-src gains *",
        '"connect-src": ["\'self\'"]',
        '"connect-src": ["\'self\'", "*"]',
        HEADERS,
    ),
    # Equivalent: django-csp fills a missing default-src with 'self' (csp/utils.py).
    drop('        "default-src": ["\'self\'"],', HEADERS, "csp: default-src dropped"),
    Mutant(
        "csp: default-src widened to *",
        '"default-src": ["\'self\'"]',
        '"default-src": ["*"]',
        HEADERS,
    ),
    drop('        "frame-ancestors": ["\'none\'"],', HEADERS, "csp: frame-ancestors dropped"),
    drop('        "object-src": ["\'none\'"],', HEADERS, "csp: object-src dropped"),
    drop('        "base-uri": ["\'self\'"],', HEADERS, "csp: base-uri dropped"),
    drop('        "form-action": ["\'self\'"],', HEADERS, "csp: form-action dropped"),
    drop('    "csp.middleware.CSPMiddleware",', HEADERS, "csp: middleware dropped"),
    # Headers, hosts, CSRF
    Mutant(
        "headers: nosniff off",
        "SECURE_CONTENT_TYPE_NOSNIFF = True",
        "SECURE_CONTENT_TYPE_NOSNIFF = False",
        HEADERS,
    ),
    Mutant("headers: referrer policy unsafe-url", '"same-origin"', '"unsafe-url"', HEADERS),
    Mutant(
        "headers: framing SAMEORIGIN",
        'X_FRAME_OPTIONS = "DENY"',
        'X_FRAME_OPTIONS = "SAMEORIGIN"',
        HEADERS,
    ),
    drop(
        '    "django.middleware.clickjacking.XFrameOptionsMiddleware",',
        HEADERS,
        "headers: framing middleware dropped",
    ),
    drop(
        '    "django.middleware.security.SecurityMiddleware",',
        HEADERS + HTTPS,
        "headers: SecurityMiddleware dropped",
    ),
    drop(
        '    "django.middleware.csrf.CsrfViewMiddleware",',
        HEADERS,
        "headers: CSRF middleware dropped",
    ),
    Mutant(
        "hosts: ALLOWED_HOSTS default widened",
        '["127.0.0.1", "localhost", "testserver"]',
        '["*"]',
        HEADERS,
    ),
    # HTTPS in production
    Mutant(
        "https: no redirect in production",
        '"SECURE_SSL_REDIRECT", default=not DEBUG',
        '"SECURE_SSL_REDIRECT", default=False',
        HTTPS,
    ),
    Mutant("https: HSTS an hour, not a year", "31536000", "3600", HTTPS),
    Mutant(
        "https: HSTS without subdomains",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = DEBUG",
        HTTPS,
    ),
    Mutant(
        "https: HSTS without preload",
        "SECURE_HSTS_PRELOAD = not DEBUG",
        "SECURE_HSTS_PRELOAD = DEBUG",
        HTTPS,
    ),
    Mutant(
        "https: X-Forwarded-Proto trusted without a proxy",
        'env_bool("BEHIND_PROXY", False)',
        'env_bool("BEHIND_PROXY", True)',
        HTTPS,
    ),
    Mutant(
        "https: session cookie not Secure in production",
        "SESSION_COOKIE_SECURE = not DEBUG",
        "SESSION_COOKIE_SECURE = DEBUG",
        HTTPS,
    ),
    Mutant(
        "https: CSRF cookie not Secure in production",
        "CSRF_COOKIE_SECURE = not DEBUG",
        "CSRF_COOKIE_SECURE = DEBUG",
        HTTPS,
    ),
    Mutant(
        "https: cookies Secure on a laptop (plain HTTP)",
        "SESSION_COOKIE_SECURE = not DEBUG",
        "SESSION_COOKIE_SECURE = True",
        HTTPS,
    ),
    # Sessions and cookies
    Mutant(
        "cookies: session cookie readable by scripts",
        "SESSION_COOKIE_HTTPONLY = True",
        "SESSION_COOKIE_HTTPONLY = False",
        HEADERS,
    ),
    Mutant(
        "cookies: session cookie SameSite=None",
        'SESSION_COOKIE_SAMESITE = "Lax"',
        'SESSION_COOKIE_SAMESITE = "None"',
        HEADERS,
    ),
    Mutant(
        "cookies: CSRF cookie readable by scripts",
        "CSRF_COOKIE_HTTPONLY = True",
        "CSRF_COOKIE_HTTPONLY = False",
        HEADERS,
    ),
    Mutant(
        "cookies: CSRF cookie SameSite=None",
        'CSRF_COOKIE_SAMESITE = "Lax"',
        'CSRF_COOKIE_SAMESITE = "None"',
        HEADERS,
    ),
    Mutant("cookies: session idle 80 hours", "8 * 60, minimum=5", "80 * 60, minimum=5", HEADERS),
    Mutant(
        "cookies: session not renewed by requests",
        "SESSION_SAVE_EVERY_REQUEST = True",
        "SESSION_SAVE_EVERY_REQUEST = False",
        HEADERS,
    ),
    # Logins
    Mutant(
        "logins: lockout after 10 failures",
        '"LOGIN_FAILURE_LIMIT", 5,',
        '"LOGIN_FAILURE_LIMIT", 10,',
        LOGINS,
    ),
    Mutant(
        "logins: cool-off 1 minute",
        '"LOGIN_COOLOFF_MINUTES", 15,',
        '"LOGIN_COOLOFF_MINUTES", 1,',
        LOGINS,
    ),
    Mutant(
        "logins: cool-off 150 minutes",
        '"LOGIN_COOLOFF_MINUTES", 15,',
        '"LOGIN_COOLOFF_MINUTES", 150,',
        LOGINS,
    ),
    Mutant(
        "logins: lockout per address (locks out everyone behind it)",
        '[["username", "ip_address"]]',
        '["ip_address"]',
        LOGINS,
    ),
    Mutant(
        "logins: lockout per user (anyone locks anyone out)",
        '[["username", "ip_address"]]',
        '["username"]',
        LOGINS,
    ),
    Mutant(
        "logins: lockout answered 403",
        "AXES_HTTP_RESPONSE_CODE = 429",
        "AXES_HTTP_RESPONSE_CODE = 403",
        LOGINS,
    ),
    Mutant(
        "logins: success keeps failures",
        "AXES_RESET_ON_SUCCESS = True",
        "AXES_RESET_ON_SUCCESS = False",
        LOGINS,
    ),
    Mutant(
        "logins: axes off by default",
        '"AXES_ENABLED", default=True',
        '"AXES_ENABLED", default=False',
        LOGINS,
    ),
    drop('    "axes.backends.AxesStandaloneBackend",', LOGINS, "logins: axes backend dropped"),
    drop('    "axes.middleware.AxesMiddleware",', LOGINS, "logins: axes middleware dropped"),
    Mutant(
        "logins: security log only warnings",
        '"ogptracker.security": {"level": "INFO"}',
        '"ogptracker.security": {"level": "WARNING"}',
        LOGINS,
    ),
    # Passwords
    drop(
        '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},',
        LOGINS,
        "passwords: similarity validator dropped",
    ),
    Mutant(
        "passwords: length validator dropped",
        '    {\n        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",\n'
        '        "OPTIONS": {"min_length": 8},\n    },\n',
        "",
        LOGINS,
    ),
    Mutant("passwords: minimum length 6", '{"min_length": 8}', '{"min_length": 6}', LOGINS),
    drop(
        '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},',
        LOGINS,
        "passwords: common-password validator dropped",
    ),
    drop(
        '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},',
        LOGINS,
        "passwords: all-digits validator dropped",
    ),
    # Request bodies
    Mutant(
        "bodies: anonymous limit 10 MB",
        '"ANONYMOUS_MAX_BYTES", 1024 * 1024,',
        '"ANONYMOUS_MAX_BYTES", 10 * 1024 * 1024,',
        BODIES,
    ),
    Mutant(
        "bodies: signed-in limit 1001 MB",
        "10 * EVIDENCE_MAX_BYTES + 1024 * 1024",
        "100 * EVIDENCE_MAX_BYTES + 1024 * 1024",
        BODIES,
    ),
    Mutant(
        "bodies: evidence files 100 MB",
        '"EVIDENCE_MAX_BYTES", 10 * 1024 * 1024,',
        '"EVIDENCE_MAX_BYTES", 100 * 1024 * 1024,',
        BODIES,
    ),
    Mutant(
        "bodies: form fields 50 MB in memory",
        "DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024",
        "DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024",
        BODIES,
    ),
    Mutant(
        "bodies: uploads up to 500 MB held in memory",
        "FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024",
        "FILE_UPLOAD_MAX_MEMORY_SIZE = 500 * 1024 * 1024",
        BODIES,
    ),
    drop(
        '    "ogptracker.security.RequestSizeLimitMiddleware",',
        BODIES,
        "bodies: size-limit middleware dropped",
    ),
    # Evidence links
    Mutant(
        "evidence: private addresses fetched by default",
        '"EVIDENCE_LINK_ALLOW_PRIVATE", default=False',
        '"EVIDENCE_LINK_ALLOW_PRIVATE", default=True',
        EVIDENCE,
    ),
    # API writes, private responses, errors, start-up
    Mutant(
        "api: writes allowed by default",
        '"commitments.api.permissions.ReadOnlyUnlessDeclared"',
        '"rest_framework.permissions.AllowAny"',
        WRITES,
    ),
    Mutant(
        "api: any signed-in user writes by default",
        '"commitments.api.permissions.ReadOnlyUnlessDeclared"',
        '"rest_framework.permissions.IsAuthenticatedOrReadOnly"',
        WRITES,
    ),
    Mutant(
        "api: DRF's JSON parser (no depth limit)",
        '"commitments.api.parsers.JSONParser"',
        '"rest_framework.parsers.JSONParser"',
        JSON,
    ),
    drop(
        '    "ogptracker.security.PrivateResponseMiddleware",',
        PRIVATE,
        "api: private-response middleware dropped",
    ),
    drop(
        '    "ogptracker.security.RefusedRequestLogMiddleware",',
        LOGINS,
        "api: refused-request log dropped",
    ),
    # Task delivery: declared once here, on no task (issue 14)
    Mutant(
        "celery: tasks acknowledged before they run",
        "CELERY_TASK_ACKS_LATE = True",
        "CELERY_TASK_ACKS_LATE = False",
        DELIVERY,
    ),
    drop("CELERY_TASK_ACKS_LATE = True", DELIVERY, "celery: acks_late setting dropped"),
    Mutant(
        "celery: a lost worker's task acknowledged, not requeued",
        "CELERY_TASK_REJECT_ON_WORKER_LOST = True",
        "CELERY_TASK_REJECT_ON_WORKER_LOST = False",
        DELIVERY,
    ),
    drop(
        "CELERY_TASK_REJECT_ON_WORKER_LOST = True",
        DELIVERY,
        "celery: reject_on_worker_lost setting dropped",
    ),
    Mutant(
        "celery: task results kept",
        "CELERY_TASK_IGNORE_RESULT = True",
        "CELERY_TASK_IGNORE_RESULT = False",
        DELIVERY,
    ),
    Mutant(
        "startup: production starts with the development key",
        "if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:",
        "if False and SECRET_KEY == DEV_SECRET_KEY:",
        STARTUP,
    ),
]


def settings_module(text: str) -> str:
    """The settings text as a module that lives outside the project: BASE_DIR pinned to it."""
    line = "BASE_DIR = Path(__file__).resolve().parent.parent"
    assert text.count(line) == 1, f"settings.py no longer sets BASE_DIR as {line!r}"
    return text.replace(line, f"BASE_DIR = Path({str(ROOT)!r})")


def run_tests(folder: Path, text: str, tests: list[str]) -> tuple[bool, str]:
    """Write `text` as the settings module and run `tests`: (passed, first failure or error)."""
    (folder / f"{MODULE}.py").write_text(settings_module(text), encoding="utf-8")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": MODULE,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")])),
        # tests/conftest.py: start each session from a database migrated once, in our own TMPDIR.
        "MUTANT_UNDER_TEST": "settings",
        "TMPDIR": str(folder),
    }
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-rfE", "-p", "no:cacheprovider"]
    command += ["-W", "ignore", f"--ds={MODULE}", *tests]
    try:
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
    except subprocess.TimeoutExpired:
        return False, "timeout"
    failed = [
        line for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR tests"))
    ]
    if result.returncode == 0:
        return True, ""
    return False, failed[0] if failed else f"pytest exit {result.returncode}"


def main(words: list[str]) -> int:
    original = SETTINGS.read_text(encoding="utf-8")
    chosen = [m for m in MUTANTS if not words or any(w in m.name for w in words)]
    for mutant in chosen:
        count = original.count(mutant.old)
        assert count == 1, f"{mutant.name}: {mutant.old!r} occurs {count} times in settings.py"
    with tempfile.TemporaryDirectory(prefix="ogp-settings-mutants-") as name:
        folder = Path(name)
        # One session for the baseline: each pytest session costs seconds of start-up.
        everything = sorted({test for m in chosen for test in m.tests})
        print(f"Baseline: the unchanged settings against {len(everything)} test files")
        passed, failure = run_tests(folder, original, everything)
        if not passed:
            print(f"  FAILS without any mutant: {failure}")
            return 2
        killed: list[str] = []
        survived: list[str] = []
        for n, mutant in enumerate(chosen, 1):
            started = time.monotonic()
            passed, failure = run_tests(
                folder, original.replace(mutant.old, mutant.new), mutant.tests
            )
            took = f"{time.monotonic() - started:4.0f} s"
            if passed:
                survived.append(mutant.name)
                print(f"{n:3} SURVIVED {took}  {mutant.name}", flush=True)
            else:
                killed.append(mutant.name)
                print(f"{n:3} killed   {took}  {mutant.name}  <- {failure}", flush=True)
    total = len(killed) + len(survived)
    print(f"\nSettings mutation score: {100 * len(killed) / total:.1f} % ({len(killed)}/{total})")
    print(f"Survivors ({len(survived)}):")
    for name in survived:
        print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
