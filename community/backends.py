from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef

from community.permissions import can_log_in
from home.demo import DEMO_ACCOUNTS_GROUP


class MemberAuthenticationBackend(AuthenticationBackend):
    """allauth's backend (login by email address), with the site's rule on who may log in."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and can_log_in(user)

    def get_user(self, user_id):
        """The session's user, read again on every request, with their membership and whether
        they hold a demo account in the same query: nearly every page asks for the first (the
        header's links, the members' area's rules), and ``can_log_in`` for the second."""
        user_model = get_user_model()
        demo = Group.objects.filter(name=DEMO_ACCOUNTS_GROUP, user=OuterRef("pk"))
        try:
            user = (
                user_model._default_manager.select_related("member")
                .annotate(in_demo_accounts_group=Exists(demo))
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        """The user's own permissions and their groups' in one query rather than two: every
        request of a member asks (``permissions.can_enter_area``). Read once per request, as
        Django's backend does, so a role taken away counts from the next request."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            names = Permission.objects.order_by().values_list("content_type__app_label", "codename")
            if not user_obj.is_superuser:
                names = names.filter(user=user_obj).union(names.filter(group__user=user_obj))
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}
        return user_obj._perm_cache
