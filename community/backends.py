from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model

from community.permissions import can_log_in


class MemberAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (login by email address), with the site's rule on who may log in."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and can_log_in(user)

    def get_user(self, user_id):
        """The session's user, read again on every request, with their membership in the same
        query: nearly every page asks for it (the header's links, the members' area's rules)."""
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("member").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
