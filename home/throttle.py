"""A limit on guessing the password of a private page or document collection.

Logins are allauth's, limited by ``ACCOUNT_RATE_LIMITS``. Wagtail's own password forms (a
page's "Password required" and a collection's) have no limit: wrapped in
``limit_wrong_passwords``, each counts the wrong passwords from one address for one
restriction in Django's cache and, past ``VIEW_RESTRICTION_PASSWORD_LIMIT``, answers 429 until
the window has passed, the right password included. Production keeps the cache in Redis, so
every worker and app server counts the same attempts (docs/caching.md).
"""

import functools
import math
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse


def limit_wrong_passwords(view, *, restriction):
    """``view`` with a limit on wrong passwords; ``restriction`` names its URL argument that
    holds the restriction's id."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        # Keyed by the restriction's id, not the URL: another page id or a leading zero in the
        # URL must not buy another round of guesses.
        attempts = WrongPasswords(
            request, f"{view.__module__}.{view.__name__}:{kwargs[restriction]}"
        )
        if attempts.exhausted():
            return too_many_attempts(request, attempts.seconds_left())
        response = view(request, *args, **kwargs)
        # Wagtail redirects after a right password and shows the form again after a wrong one.
        if response.status_code == 200:
            attempts.add_one()
        return response

    return limited


class WrongPasswords:
    def __init__(self, request, restriction):
        # allauth's reading of the client's address, so that ALLAUTH_TRUSTED_PROXY_COUNT
        # applies to both limits alike.
        address = get_adapter().get_client_ip(request)
        self.key = f"wrong-password:{restriction}:{address}"
        self.limit, self.window = settings.VIEW_RESTRICTION_PASSWORD_LIMIT

    def exhausted(self):
        return (cache.get(self.key) or 0) >= self.limit

    def seconds_left(self):
        return max(0, (cache.get(f"{self.key}:until") or time.time()) - time.time())

    def add_one(self):
        # The window opens with the first wrong password; later ones do not extend it.
        cache.add(f"{self.key}:until", time.time() + self.window, self.window)
        if cache.add(self.key, 1, self.window):
            return
        try:
            cache.incr(self.key)
        except ValueError:  # the window closed in between
            cache.set(self.key, 1, self.window)


def too_many_attempts(request, seconds_left):
    minutes = max(1, math.ceil(seconds_left / 60))
    response = TemplateResponse(
        request, "home/too_many_attempts.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response
