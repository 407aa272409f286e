"""Who may do what in the members area: every rule, in one place, as a sentence.

Views declare the rule they need (``community.access``), templates ask through the
``community_tags`` filters, file downloads and search audiences call these functions: nothing
else decides. Each rule takes the user asking first; rules about an object take it second.

Objects a user may not see are answered as if they did not exist (404), so that a guess at an
address tells nobody whether something is there.
"""

from django.conf import settings

from community.models import Member, ProfileField
from home.demo import DEMO_ACCOUNTS_GROUP

# The search audience of everyone who may enter the area (see ``community.indexing``).
MEMBERS_AUDIENCE = "members"

ACCESS_AREA = "community.access_members_area"
MODERATE = "community.moderate_members_area"


def membership_of(user):
    """The user's membership, or None (anonymous visitors, staff who never applied)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def is_staff(user):
    """Comms staff: anyone the Wagtail admin lets in."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("wagtailadmin.access_admin")
    )


def is_approved_member(user):
    member = membership_of(user)
    return bool(member and member.is_active_member and user.has_perm(ACCESS_AREA))


def can_enter_area(user):
    """Approved members holding the member role (the Members group), and staff.

    Read on every request from the database, so a rejection, a lapse or a role taken away
    shuts the door on sessions that are already open.
    """
    return is_approved_member(user) or is_staff(user)


def is_awaiting_approval(user):
    member = membership_of(user)
    return bool(member and member.status == Member.Status.PENDING and not is_staff(user))


def can_moderate(user):
    return can_enter_area(user) and (user.has_perm(MODERATE) or is_staff(user))


def can_view_directory(user):
    return can_enter_area(user)


def can_view_profile(user, member):
    """Members see listed, active members; everyone sees their own; staff see all."""
    if member.user_id == getattr(user, "pk", None):
        return True
    if is_staff(user):
        return True
    return can_enter_area(user) and member.is_active_member and member.listed_in_directory


def can_view_profile_field(user, member, field):
    if not can_view_profile(user, member):
        return False
    if member.user_id == getattr(user, "pk", None) or is_staff(user):
        return True
    return member.shares(field)


def can_view_profile_photo(user, member):
    return bool(member.photo) and can_view_profile_field(user, member, ProfileField.PHOTO)


def can_edit_profile(user, member):
    return member.user_id == getattr(user, "pk", None) and can_enter_area(user)


def can_manage_own_data(user):
    """Download or delete what the site holds about oneself: every account holder, whatever
    the state of their membership, may do both."""
    return bool(getattr(user, "is_authenticated", False))


def can_delete_own_account(user):
    # The last superuser deleting themselves would lock everyone out of the admin; superusers
    # are removed by another superuser instead.
    return can_manage_own_data(user) and not user.is_superuser


def can_manage_memberships(user):
    """Approve, reject, invite, export and delete on request, in the admin."""
    return is_staff(user) and user.has_perm("community.change_member")


def can_log_in(user):
    """Inactive accounts never; the demo's accounts, whose passwords are published, only
    where ``DEMO_ACCOUNTS_CAN_LOG_IN`` is on (``DEBUG``, never production)."""
    if not user.is_active:
        return False
    if settings.DEMO_ACCOUNTS_CAN_LOG_IN:
        return True
    return not user.groups.filter(name=DEMO_ACCOUNTS_GROUP).exists()


def search_audiences(user):
    """What the search may show this user beyond public content."""
    return {MEMBERS_AUDIENCE} if can_enter_area(user) else set()
