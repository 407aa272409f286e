from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_views

from community import urls as community_urls
from home import views as home_views
from home.caching import cache_for_visitors
from home.sitemap import SiteSitemap
from home.throttle import limit_wrong_passwords
from resources import urls as resources_urls
from search import urls as search_urls


def to_allauth(prefix, pattern_name, name):
    return path(
        prefix,
        RedirectView.as_view(pattern_name=pattern_name, query_string=True),
        name=name,
    )


# Every login and password form is allauth's: one rate limit and one second factor for all.
# The admins' own forms send people there, keeping where they were going.
login_redirects = [
    to_allauth("admin/login/", "account_login", "admin_login_redirect"),
    to_allauth("admin/password_reset/", "account_reset_password", "admin_password_reset_redirect"),
    to_allauth("django-admin/login/", "account_login", "django_admin_login_redirect"),
    to_allauth("_util/login/", "account_login", "frontend_login_redirect"),
]

# Wagtail's password forms for private pages and document collections, at their own addresses
# and ahead of Wagtail's routes, with a limit on wrong passwords.
password_forms = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        limit_wrong_passwords(
            wagtail_views.authenticate_with_password, restriction="page_view_restriction_id"
        ),
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        limit_wrong_passwords(
            wagtaildocs_views.authenticate_with_password, restriction="restriction_id"
        ),
    ),
]

urlpatterns = [
    *login_redirects,
    *password_forms,
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include(search_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include(community_urls)),
    path(
        "sitemap.xml",
        cache_for_visitors(sitemap),
        {"sitemaps": {"pages": SiteSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("", include(resources_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
