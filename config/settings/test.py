"""The test suite: fast hashing, in-memory email, plain static files, files in a temp folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

_files = Path(tempfile.mkdtemp(prefix="srpp-test-files-"))
MEDIA_ROOT = _files / "media"
PRIVATE_FILES_ROOT = _files / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run gets its own index names so a run never reads another's documents.
SEARCH_INDEX_PREFIX = f"srpp-test-{_files.name.rsplit('-', 1)[-1].lower()}"
# Each process its own memory: quick, and emptied before every test (tests/conftest.py). The
# tests of the shared cache use Redis (tests/caching/).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Pages are cached only in the tests that turn it on (tests/caching/): elsewhere a test that
# changes rows behind the signals' back (queryset.update) would read its own old page, and
# query counts would measure the cache instead of the page.
PAGE_CACHE_SECONDS = 0
# WhiteNoise warns on every request when its directory is missing.
STATIC_ROOT = _files / "static"
STATIC_ROOT.mkdir()
