"""Development on a laptop: DEBUG on, a throwaway secret, email printed to the console."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The demo's staff login works without an authenticator app; production keeps the default.
STAFF_REQUIRE_SECOND_FACTOR = env_bool("STAFF_REQUIRE_SECOND_FACTOR", False)
DEMO_ACCOUNTS_CAN_LOG_IN = DEBUG
# Pages are not cached unless asked for (PAGE_CACHE_SECONDS=600 make run): an edited template
# changes nothing the cache watches, and would show only after the page expired.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))
# The same for the parts of pages kept between requests (home/fragments.py), which know the
# templates only as they were when the server started: off while debugging.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "0" if DEBUG else "600"))
