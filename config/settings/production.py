"""Production: every secret from the environment, secure cookies and headers.

Missing configuration stops the process at start-up with a message naming the variable,
rather than letting the site run half-configured.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: a long random string, kept out of the repository.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set ALLOWED_HOSTS: the site's host names, comma separated.")
# One cache for every worker and app server: a page cache emptied in one process only, or a
# password limit counted per process, would be no limit and serve withdrawn pages.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "Set REDIS_URL (redis://host:port/db): the cache every process and app server shares."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Never on in production, whatever the environment says: the demo's passwords are public.
DEMO_ACCOUNTS_CAN_LOG_IN = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Background tasks (notification emails and digests, Wagtail's after-publish work) queue in
# the database; `python manage.py db_worker` runs them (see the README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
