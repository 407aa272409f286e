"""Settings shared by every environment.

Safe by default: DEBUG is off, and everything that differs between a laptop and a server
comes from the environment. ``dev``, ``test`` and ``production`` adjust from here.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "resources",
    "community",
    "community.discussions",
    "community.library",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.caching.PageCacheMiddleware",
    "home.middleware.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.middleware.StaffSecondFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:port/name); a SQLite file by default.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request reuses it: after the database
        # restarts, the next request reconnects instead of failing on the dead connection.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: visitors' pages (home/caching.py), the login and password limits, Wagtail's
# renditions. With REDIS_URL (redis://[:password@]host:port/db) every worker process and app
# server shares it, as production must: a publish then empties the pages of all of them, and a
# limit counts every attempt wherever it lands. Without it, files in CACHE_DIR, which the
# processes of one machine share (enough for `make run`). Redis down means uncached, not
# broken (home/redis_cache.py).
REDIS_URL = env("REDIS_URL") or None
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.redis_cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "srpp"),
            # An unreachable Redis costs at most this per request, then is left alone for
            # RETRY_AFTER seconds.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
            "RETRY_AFTER": 5,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("CACHE_DIR", BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Sessions are read from the cache and written to both: a member's request reads its session
# without a query, and a cache emptied or down falls back on the database, which keeps them all.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# How long a visitor's page stays cached, in Django's cache and in Varnish (0: not at all).
# Any change visitors could see empties both at once; this bounds only what changes with the
# clock alone (an event that has started is still listed as upcoming for up to this long).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# How long the parts many pages share are kept for every request, cached page or not: the site
# and its home page, menus and footer, cards, stream fields (home/fragments.py). They are
# emptied with the page cache; this bounds only what changes with the clock. 0: not at all.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "600"))
# Never cached, whoever asks and whatever a view says (deploy/varnish/default.vcl passes the
# same addresses).
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/members/",
    "/accounts/",
    "/documents/",
    "/search/",
    "/_util/",
]
# Varnish in front (deploy/varnish/default.vcl), as the app servers reach it, comma separated:
# each change visitors could see empties it, through Wagtail's frontend cache integration.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "home.caching.VarnishBanBackend", "LOCATION": url}
    for number, url in enumerate(env_list("VARNISH_URLS"), start=1)
}

# Accounts (django-allauth): everyone logs in with an email address, members and staff alike;
# the Wagtail and Django admin login pages send people to the same form (config/urls.py), so
# one rate limit and one second factor guard every way in.
AUTHENTICATION_BACKENDS = ["community.backends.MemberAuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "community:home"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.JoinForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
# The same answer whether or not an address has an account: join, login and password reset.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SRPP Procura+] "
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one address lock it for fifteen minutes, from any address.
    "login_failed": "10/m/ip,5/15m/key",
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,3/15m/key",
}
# Behind nginx every request comes from 127.0.0.1: say how many proxies of ours stand in front
# (1 for the README's nginx) so that the limits count each client's own address, read from
# X-Forwarded-For. Left at 0 where the site faces clients directly, as that header is theirs.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# The passwords of private pages and document collections (home/throttle.py): five wrong ones
# from one address lock that restriction for that address for fifteen minutes.
VIEW_RESTRICTION_PASSWORD_LIMIT = (5, 15 * 60)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SRPP Procura+"
# Staff reach the Wagtail admin only once they have turned on a second factor (TOTP).
STAFF_REQUIRE_SECOND_FACTOR = env_bool("STAFF_REQUIRE_SECOND_FACTOR", True)
# Accounts the demo loader makes have known passwords; they can log in only where this is on.
DEMO_ACCOUNTS_CAN_LOG_IN = DEBUG

# The members area
MEMBER_INVITATION_DAYS = 14
MEMBER_PHOTO_MAX_UPLOAD_SIZE = 2 * 1024 * 1024
# Discussions: the longest post, and how many posts and flags a member may send (count,
# seconds) before being asked to wait.
DISCUSSIONS_POST_MAX_LENGTH = 20_000
# How many of a new member's first posts a moderator reads before others see them (0: none).
DISCUSSIONS_HOLD_FIRST_POSTS = int(env("DISCUSSIONS_HOLD_FIRST_POSTS", "0"))
DISCUSSIONS_POST_RATE = (8, 10 * 60)
DISCUSSIONS_FLAG_RATE = (10, 60 * 60)
TENDER_DOCUMENT_MAX_UPLOAD_SIZE = int(env("TENDER_DOCUMENT_MAX_UPLOAD_SIZE", 25 * 1024 * 1024))
# Open Contracting IDs of exported tenders: "<prefix>-<tender id>". Register a prefix with the
# Open Contracting Partnership before publishing exports beyond the members.
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", "ocds-srpp00")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Editors enter and read times in Brussels time unless their Wagtail profile says otherwise;
# each event also carries its own time zone for visitors and calendars.
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# Files. Public media (images) are served by the web server from MEDIA_ROOT; PRIVATE_FILES_ROOT
# holds members-only files and every Wagtail document, and must never be exposed by the web
# server: they are served only through permission-checking views.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "var" / "media"))
PRIVATE_FILES_ROOT = Path(env("PRIVATE_FILES_ROOT", BASE_DIR / "var" / "private"))
# Set (e.g. "/_private/") when nginx serves PRIVATE_FILES_ROOT at that internal location: the
# permission-checking views then hand each file to nginx instead of streaming it themselves.
PRIVATE_FILES_ACCEL_REDIRECT_PREFIX = env("PRIVATE_FILES_ACCEL_REDIRECT_PREFIX", "")
# How Wagtail's document view hands over a file once it has checked who may have it.
SENDFILE_BACKEND = "home.private_files"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: refuse what is too large before it reaches a view.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Email
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "SRPP Procura+ Interest Group <noreply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background tasks (Django's tasks framework, through django-tasks as Wagtail uses it): run at
# once, in the request, unless a settings module chooses a queue. Production queues them in the
# database for `manage.py db_worker` (see production.py and the README).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "SRPP Procura+ Interest Group"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.SiteDocument"
# Every download goes through Wagtail's view and its checks (home/documents.py), never a
# direct link to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin calls no third party: no staff email hashes to Gravatar, no version check against
# Wagtail's release server on every dashboard load.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True

# Search: ELASTICSEARCH_URL switches the site's search to Elasticsearch; unset, the database
# serves it (SQLite FTS5 in development, PostgreSQL full text in production).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL") or None
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "srpp")
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# The text of uploaded documents, for search (search/extraction.py): read by a separate process
# that is stopped after this many seconds or when it needs more memory than this; longer text is
# cut (about a hundred pages).
SEARCH_EXTRACTION_TIMEOUT = int(env("SEARCH_EXTRACTION_TIMEOUT", "20"))
SEARCH_EXTRACTION_MEMORY_MB = int(env("SEARCH_EXTRACTION_MEMORY_MB", "512"))
SEARCH_EXTRACTION_MAX_CHARS = 200_000

# Headers on the site's HTML pages (home/middleware.py). Scripts, styles, fonts and images come
# from the site itself; the only inline code is the standalone error page's <style>, allowed by
# its hash (tests/home/test_security_headers.py fails when the two drift apart).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'sha256-uLi3MeOLg1TEP2b4h/wOWKhFVyi0L0UR0nmZtsSvQsQ='"],
    # A responsive embed keeps its video's proportions with a style attribute.
    "style-src-attr": ["'unsafe-inline'"],
    # allauth shows the authenticator's QR code as a data: image.
    "img-src": ["'self'", "data:"],
    # Embedded videos play in their provider's frame; a provider's script is never loaded.
    "frame-src": ["https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = ["/admin/", "/django-admin/"]
# The site uses none of these browser features, so no page, nor anything embedded in one, may.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "home.log_filters.WithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # One line per request for a host name the site does not serve (home/log_filters.py).
        "django.security.DisallowedHost": {"filters": ["without_traceback"]},
        "elastic_transport": {"level": "WARNING"},
        # Wagtail runs its after-publish work as tasks; each logs its state at INFO.
        "django_tasks": {"level": "WARNING"},
    },
}
