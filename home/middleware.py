from django.conf import settings

from home import fragments


def content_security_policy():
    return "; ".join(
        " ".join([directive, *sources])
        for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
    )


class SecurityHeadersMiddleware:
    """The headers Django's SecurityMiddleware does not set, on every HTML page of the site.

    The policies are settings (``CONTENT_SECURITY_POLICY``, ``PERMISSIONS_POLICY``,
    ``CROSS_ORIGIN_RESOURCE_POLICY``) so that an environment can loosen one deliberately; a
    view that sets its own keeps it. Cross-Origin-Opener-Policy comes from Django
    (``SECURE_CROSS_ORIGIN_OPENER_POLICY``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        if not self._exempt_from_policy(request, response):
            response.setdefault("Content-Security-Policy", content_security_policy())
        return response

    def _exempt_from_policy(self, request, response):
        # The Wagtail and Django admins write inline scripts (date pickers, inline panels) that
        # the site's policy would block; they are staff-only, behind a second factor. With
        # DEBUG on, error pages are Django's technical pages, inline scripts and styles too.
        if request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_EXEMPT_PATHS)):
            return True
        return settings.DEBUG and response.status_code >= 400


ADMIN_PATHS = ("/admin/", "/django-admin/")


class CachedSiteMiddleware:
    """Finds the request's Wagtail site and its root page in the fragment cache
    (home/fragments.py) rather than in three queries; Wagtail's ``Site.find_for_request``
    then answers with it. Placed after CommonMiddleware, which refuses a host name that is not
    in ALLOWED_HOSTS before any key is made of it; the admins read their site as Wagtail does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(ADMIN_PATHS)
            and fragments.available(request)
        ):
            request._wagtail_site = fragments.site_for_request(request)
        return self.get_response(request)
