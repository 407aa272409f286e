from functools import cache

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
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
        """The user's own permissions and their groups' in one statement rather than two:
        every request of a member asks (``permissions.can_enter_area``). Read once per request,
        as Django's backend does, so a role taken away counts from the next request."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                names = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(permission_names_sql(), [user_obj.pk, user_obj.pk])
                    names = cursor.fetchall()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in names}
        return user_obj._perm_cache


@cache
def permission_names_sql():
    """(app label, codename) of a user's permissions, their own and their groups'.

    Written out once rather than composed by the ORM on each request: composing the union of
    two joined querysets cost more than a millisecond of CPU, for a statement that never
    changes. The tables and columns are the models' own, so a renamed table still reads right.
    """
    q = connection.ops.quote_name
    user_fields = get_user_model()._meta
    own = user_fields.get_field("user_permissions")
    groups = user_fields.get_field("groups")
    granted = Group._meta.get_field("permissions")
    content_type = Permission._meta.get_field("content_type").column
    return (
        f"SELECT ct.{q('app_label')}, p.{q('codename')} "
        f"FROM {q(Permission._meta.db_table)} p "
        f"JOIN {q(ContentType._meta.db_table)} ct ON ct.{q('id')} = p.{q(content_type)} "
        f"WHERE p.{q('id')} IN ("
        f"SELECT {q(own.m2m_reverse_name())} FROM {q(own.m2m_db_table())} "
        f"WHERE {q(own.m2m_column_name())} = %s "
        f"UNION SELECT gp.{q(granted.m2m_reverse_name())} FROM {q(granted.m2m_db_table())} gp "
        f"JOIN {q(groups.m2m_db_table())} ug "
        f"ON ug.{q(groups.m2m_reverse_name())} = gp.{q(granted.m2m_column_name())} "
        f"WHERE ug.{q(groups.m2m_column_name())} = %s)"
    )
