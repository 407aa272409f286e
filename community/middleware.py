from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from community.permissions import is_staff


class StaffSecondFactorMiddleware:
    """Keep staff out of the admins until they have an authenticator.

    allauth asks for the code at login once a TOTP authenticator exists; this makes having one
    a condition of reaching ``/admin/`` and ``/django-admin/`` at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_REQUIRE_SECOND_FACTOR
            and request.path.startswith(self.admin_prefixes())
            and is_staff(request.user)
            and not self.has_second_factor(request.user)
        ):
            messages.warning(
                request,
                "Staff need a second factor to use the admin. Set up an authenticator app "
                "below, then open the admin again.",
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def admin_prefixes():
        return (reverse("wagtailadmin_home"), reverse("admin:index"))

    @staticmethod
    def has_second_factor(user):
        from allauth.mfa.models import Authenticator

        return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
