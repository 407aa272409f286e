from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from community.permissions import can_enter_area, can_log_in, is_staff


class AccountAdapter(DefaultAccountAdapter):
    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        # allauth lets through a right password whose account the backend refused, so that
        # it can explain inactive accounts; accounts refused for other reasons stay out.
        if user is not None and user.is_active and not can_log_in(user):
            self.authentication_failed(request, **credentials)
            return None
        return user

    def get_login_redirect_url(self, request):
        # allauth has already honoured a safe ``next``; without one, members land on their
        # home, staff on theirs, applicants on the page that explains the wait.
        user = request.user
        if is_staff(user) and not can_enter_area(user):
            return reverse("wagtailadmin_home")
        return reverse("community:home")

    def get_signup_redirect_url(self, request):
        return reverse("community:home")
