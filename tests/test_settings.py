import importlib.util
import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

# dj-database-url's schemes, by the Django database vendor each one selects.
VENDOR_BY_SCHEME = {
    "postgres": "postgresql",
    "postgresql": "postgresql",
    "pgsql": "postgresql",
    "postgis": "postgresql",
    "sqlite": "sqlite",
    "spatialite": "sqlite",
    "mysql": "mysql",
    "mysqlgis": "mysql",
    "oracle": "oracle",
}


def test_the_test_run_uses_the_database_url_when_one_is_set():
    # In CI this proves the PostgreSQL pass really ran on PostgreSQL, not on a SQLite fallback.
    url = os.environ.get("DATABASE_URL")
    expected = VENDOR_BY_SCHEME[urlsplit(url).scheme.split("+")[0]] if url else "sqlite"

    assert connection.vendor == expected


def load_base_settings(monkeypatch, **environ):
    """A fresh copy of config/settings/base.py read under ``environ``."""
    for name in ("DATABASE_URL", "DEBUG", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "base_settings_under_test", BASE_DIR / "config" / "settings" / "base.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_database_url_the_site_uses_sqlite_in_the_repository(monkeypatch):
    base = load_base_settings(monkeypatch)

    database = base.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == BASE_DIR / "db.sqlite3"


def test_database_url_selects_postgresql(monkeypatch):
    base = load_base_settings(monkeypatch, DATABASE_URL="postgres://srpp:pw@db.internal:5433/srpp")

    database = base.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.internal", 5433, "srpp")


def test_base_settings_are_safe_by_default(monkeypatch):
    base = load_base_settings(monkeypatch)

    assert base.DEBUG is False


def test_a_true_or_false_setting_refuses_other_words(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        load_base_settings(monkeypatch, DEBUG="maybe")


def test_tests_keep_uploaded_files_out_of_the_repository():
    assert not Path(settings.MEDIA_ROOT).is_relative_to(BASE_DIR)
    assert not Path(settings.PRIVATE_FILES_ROOT).is_relative_to(BASE_DIR)


# Left out of the subprocess's environment. DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser
# tests for their own process; a deployment never has it, and check --deploy refuses it.
NOT_INHERITED = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REDIS_URL",
}
# Production's checks never connect to it.
A_REDIS_URL = "redis://cache.internal:6379/0"


def manage(*args, **environ):
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(environ)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        REDIS_URL=A_REDIS_URL,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="example.org"
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="",
    )

    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS" in result.stderr


def test_production_settings_refuse_to_start_without_a_shared_cache():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode != 0
    assert "Set REDIS_URL" in result.stderr


def test_production_shares_one_redis_cache_between_processes():
    # The password limits (allauth's and home/throttle.py) and the page cache all use the
    # default cache: in production it is the Redis every process reaches.
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND']);"
        "print(settings.CACHES['default']['LOCATION'])",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        REDIS_URL=A_REDIS_URL,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["home.redis_cache.ForgivingRedisCache", A_REDIS_URL]
