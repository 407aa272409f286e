from allauth.account.auth_backends import AuthenticationBackend

from community.permissions import can_log_in


class MemberAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (login by email address), with the site's rule on who may log in."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and can_log_in(user)
