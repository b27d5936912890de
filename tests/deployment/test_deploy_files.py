"""docker-compose.yml, the Dockerfile and .env.example refer only to files, commands and settings that
exist in this repository (no Docker engine needed: the files are read and checked)."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS = (ROOT / "ogptracker" / "settings.py").read_text()
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
# Read by something other than Django's settings, each for a reason.
NOT_DJANGO = {
    "POSTGRES_USER": "the postgres image, and DATABASE_URL in docker-compose.yml",
    "POSTGRES_PASSWORD": "the postgres image, and DATABASE_URL in docker-compose.yml",
    "POSTGRES_DB": "the postgres image, and DATABASE_URL in docker-compose.yml",
    "WEB_CONCURRENCY": "gunicorn's number of worker processes (ogptracker/gunicorn.conf.py)",
    "WEB_THREADS": "gunicorn's threads per process (ogptracker/gunicorn.conf.py)",
}


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value
    return pairs


def read_by_settings(name: str) -> bool:
    return (
        re.search(rf"""env_\w+\(\s*"{name}"|os\.environ\S*\(\s*"{name}\"""", SETTINGS) is not None
    )


def dockerfile_instructions() -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def service_commands() -> dict[str, list[str]]:
    commands = {}
    for name, service in COMPOSE["services"].items():
        command = service.get("command")
        if command is None:
            continue
        argv = command if isinstance(command, list) else shlex.split(command)
        if argv[:2] == ["sh", "-c"]:
            argv = shlex.split(argv[2].replace("&&", ";"))
        commands[name] = argv
    return commands


def check_command(argv: list[str]) -> None:
    """Each command the containers run names something that exists here."""
    words = [word.rstrip(";") for word in argv]
    for i, word in enumerate(words):
        if word == "manage.py":
            assert (ROOT / "manage.py").exists()
            assert words[i + 1] in get_commands(), f"no management command {words[i + 1]}"
        if word == "gunicorn":
            module, _, attribute = words[i + 1].partition(":")
            assert hasattr(importlib.import_module(module), attribute or "application")
            # gunicorn's settings come from its one config file, never from scattered flags.
            assert words[i + 2 : i + 4] == ["--config", "ogptracker/gunicorn.conf.py"], words
            assert (ROOT / words[i + 3]).exists()
        if word == "celery":
            assert words[i + 1] == "-A"
            app = importlib.import_module(words[i + 2]).celery_app
            assert words[i + 3] in {"worker", "beat", "inspect"}
            assert app.main == "ogptracker"


def test_compose_runs_the_six_services_with_health_checks_and_named_volumes():
    services = COMPOSE["services"]
    assert set(services) == {"nginx", "postgres", "redis", "web", "worker", "beat"}
    for name in ("nginx", "postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    declared = set(COMPOSE["volumes"])
    for service in services.values():
        for volume in service.get("volumes", []):
            if isinstance(volume, dict):
                assert volume["type"] == "tmpfs" and volume["tmpfs"]["size"] > 0
                continue
            source = volume.split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).is_file(), f"{source} is mounted but missing"
                continue
            assert source in declared, f"volume {source} is not a named volume"
    # The app containers wait for healthy databases.
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_only_nginx_is_published_and_gunicorn_sits_behind_it():
    services = COMPOSE["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"nginx"}
    nginx = services["nginx"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in nginx["volumes"]
    assert "static:/app/staticfiles" in services["web"]["volumes"]
    assert "collectstatic" in service_commands()["web"]
    # nginx writes the client's address into X-Forwarded-For: the app trusts exactly one proxy.
    assert services["web"]["environment"]["NUM_PROXIES"] == "1"
    for name in ("nginx", "worker", "beat", "web"):
        assert services[name]["restart"] == "unless-stopped"


def test_compose_commands_name_commands_that_exist():
    commands = service_commands()
    assert {"web", "worker", "beat"} <= set(commands)
    assert "migrate" in commands["web"] and "gunicorn" in commands["web"]
    assert commands["worker"][3] == "worker" and commands["beat"][3] == "beat"
    for argv in commands.values():
        check_command(argv)


def test_compose_app_environment_is_read_by_settings():
    for name in ("web", "worker", "beat"):
        service = COMPOSE["services"][name]
        assert service["env_file"] == ".env"
        for variable in service["environment"]:
            assert read_by_settings(variable), f"{variable} is not read by settings.py"


def test_env_example_names_only_settings_that_exist():
    names = env_example()
    assert names, ".env.example is empty"
    for name in names:
        assert read_by_settings(name) or name in NOT_DJANGO, f"{name} is read by nothing"
    compose_text = (ROOT / "docker-compose.yml").read_text()
    for name in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"):
        assert "${" + name + "}" in compose_text
    # The example is safe to copy only after changing its secrets: they say so.
    assert names["SECRET_KEY"].startswith("CHANGE")


def test_dockerfile_copies_only_files_that_exist_and_runs_known_commands():
    instructions = dockerfile_instructions()
    copies = [args.split() for op, args in instructions if op == "COPY"]
    assert copies
    for args in copies:
        for source in args[:-1]:
            if not source.startswith("--"):
                assert (ROOT / source).exists(), f"Dockerfile copies {source}, which is missing"
    for op, args in instructions:
        if op == "RUN":
            for part in args.split("&&"):
                argv = shlex.split(part)
                if "manage.py" in argv:
                    check_command(argv)
    [cmd] = [args for op, args in instructions if op == "CMD"]
    check_command(yaml.safe_load(cmd))


@pytest.mark.parametrize("ignored", [".venv", ".git", ".env", "db.sqlite3"])
def test_dockerignore_keeps_local_state_out_of_the_image(ignored):
    assert ignored in (ROOT / ".dockerignore").read_text().split()
