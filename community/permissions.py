"""Who may do what in the members area: every rule, in one place, as a sentence.

Views declare the rule they need (``community.access``), templates ask through the
``community_tags`` filters, file downloads and search audiences call these functions: nothing
else decides. Each rule takes the user asking first; rules about an object take it second.

Objects a user may not see are answered as if they did not exist (404), so that a guess at an
address tells nobody whether something is there.
"""

from django.conf import settings
from django.db.models import prefetch_related_objects

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
    # Read with the session's user (community.backends) on every request; asked otherwise.
    in_demo = getattr(user, "in_demo_accounts_group", None)
    if in_demo is None:
        in_demo = user.groups.filter(name=DEMO_ACCOUNTS_GROUP).exists()
    return not in_demo


# Search
#
# The search shows an item to whoever holds one of its audiences: each rule below names, for
# one kind of item, the audiences that together are exactly the people its can_view_* rule
# lets in; ``search_audiences`` gives each user theirs. tests/community/test_search_leaks.py
# holds the two to the same answers.
MODERATORS_AUDIENCE = "moderators"
STAFF_AUDIENCE = "staff"


def organisation_audience(organisation_id):
    return f"org{organisation_id}"


def user_audience(user_id):
    return f"user{user_id}"


def search_audiences(user):
    """What the search may show this user beyond public content."""
    if not can_enter_area(user):
        return set()
    audiences = {MEMBERS_AUDIENCE, user_audience(user.pk)}
    if is_staff(user):
        audiences.add(STAFF_AUDIENCE)
    if can_moderate(user):
        audiences.add(MODERATORS_AUDIENCE)
    member = membership_of(user)
    if member is not None and member.organisation_id:
        audiences.add(organisation_audience(member.organisation_id))
    return audiences


def tender_audiences(tender):
    """As ``can_view_tender``; a withdrawn tender stays in its editors' library, not the
    search."""
    if tender.is_withdrawn:
        return ()
    if tender.visibility == "members":
        return (MEMBERS_AUDIENCE,)
    editors = [user_audience(tender.owner_id)] if tender.owner_id else []
    editors += [user_audience(pk) for pk in tender.co_editors.values_list("pk", flat=True)]
    return (organisation_audience(tender.organisation_id), STAFF_AUDIENCE, *editors)


def clause_audiences(clause):
    return tender_audiences(clause.tender)


THREAD_SUBJECT_AUDIENCES = {"library.tender": tender_audiences}


def thread_audiences(thread):
    """As ``can_view_thread``."""
    subject = thread.subject
    if subject is None:
        return (MEMBERS_AUDIENCE,)
    from wagtail.models import Page

    if isinstance(subject, Page):
        return (MEMBERS_AUDIENCE,) if subject.live else ()
    rule = THREAD_SUBJECT_AUDIENCES.get(subject._meta.label_lower)
    return tuple(rule(subject)) if rule else ()


def post_audiences(post):
    """As ``can_view_post``: a hidden post is for moderators who may see its thread; a deleted
    one for nobody."""
    if post.is_deleted:
        return ()
    audiences = thread_audiences(post.thread)
    if not post.is_hidden:
        return audiences
    if MEMBERS_AUDIENCE in audiences:
        return (MODERATORS_AUDIENCE,)
    # A thread some members may not see: of its readers, only staff are sure to moderate.
    return (STAFF_AUDIENCE,) if STAFF_AUDIENCE in audiences else ()


# Tender library


def _is_editor_of(user, tender):
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return False
    if tender.owner_id == user_id:
        return True
    # Read once for the tender and kept with it, as when loaded with it (a list of
    # notifications, a tender's page): a thread about it asks for every rule of every post.
    # Changing the co-editors through the tender forgets what was read.
    co_editors = getattr(tender, "_prefetched_objects_cache", {}).get("co_editors")
    if co_editors is None:
        prefetch_related_objects([tender], "co_editors")
        co_editors = tender._prefetched_objects_cache["co_editors"]
    return any(editor.pk == user_id for editor in co_editors)


def visible_tenders(user):
    """Every tender the user may see, as a queryset: the list, the calendar, exports and
    search read this; ``can_view_tender`` says the same of one tender."""
    from django.db.models import Q

    from community.library.models import Tender, Visibility

    if not can_enter_area(user):
        return Tender.objects.none()
    if is_staff(user):
        return Tender.objects.all()
    member = membership_of(user)
    shared = Q(visibility=Visibility.MEMBERS)
    if member is not None:
        shared |= Q(organisation_id=member.organisation_id)
    mine = Q(owner=user) | Q(co_editors=user)
    return Tender.objects.filter((shared & Q(withdrawn_at__isnull=True)) | mine).distinct()


def can_view_tender(user, tender):
    """Members see tenders shared with all members, and those of their own organisation;
    owners and co-editors see theirs even once withdrawn; staff see everything."""
    if not can_enter_area(user):
        return False
    if is_staff(user) or _is_editor_of(user, tender):
        return True
    if tender.is_withdrawn:
        return False
    if tender.visibility == "members":
        return True
    member = membership_of(user)
    return member is not None and member.organisation_id == tender.organisation_id


def can_share_tender(user):
    """Sharing needs an organisation to share for: approved members, not staff alone."""
    return is_approved_member(user)


def can_edit_tender(user, tender):
    return can_enter_area(user) and (is_staff(user) or _is_editor_of(user, tender))


def can_withdraw_tender(user, tender):
    return can_edit_tender(user, tender) and not tender.is_withdrawn


def can_download_tender_document(user, document):
    """Every version of a document goes with its tender."""
    return can_view_tender(user, document.tender)


# Discussions
#
# Threads are for everyone who may enter the area, unless a thread is about something some
# of them may not see (an organisation-only tender): then only those who may see that thing.
# The apps that attach threads to their objects name the rule for them here, by model label
# ("library.tender": can_view_tender); a thread about a page (an event's follow-up) follows
# the area's rule while the page is live. A subject of any other kind is seen by nobody: a
# new kind must be named here before its threads open.
def _can_view_page_subject(user, page):
    return page.live


THREAD_SUBJECT_RULES = {"library.tender": lambda user, tender: can_view_tender(user, tender)}


def can_view_thread_subject(user, subject):
    if subject is None:
        return True
    from wagtail.models import Page

    if isinstance(subject, Page):
        return _can_view_page_subject(user, subject)
    rule = THREAD_SUBJECT_RULES.get(subject._meta.label_lower)
    return bool(rule and rule(user, subject))


def can_view_discussions(user):
    return can_enter_area(user)


def can_view_thread(user, thread):
    return can_enter_area(user) and can_view_thread_subject(user, thread.subject)


def can_start_thread(user, category):
    return can_enter_area(user)


def can_reply(user, thread):
    """Locked and closed threads take no replies, from moderators neither: they unlock first,
    and the log shows it."""
    return can_view_thread(user, thread) and thread.takes_replies


def can_view_post(user, post):
    """A hidden post is shown to moderators only; everyone else sees the reason in its place."""
    if not can_view_thread(user, post.thread):
        return False
    return not post.is_hidden or can_moderate(user)


def can_quote_post(user, post):
    return can_view_post(user, post) and not post.is_hidden and not post.is_deleted


def _is_author(user, post):
    return post.author_id is not None and post.author_id == getattr(user, "pk", None)


def can_edit_post(user, post):
    return (
        _is_author(user, post)
        and can_view_thread(user, post.thread)
        and post.thread.takes_replies
        and not post.is_deleted
        and not post.is_hidden
    )


def can_delete_post(user, post):
    return _is_author(user, post) and can_view_thread(user, post.thread) and not post.is_deleted


def can_flag_post(user, post):
    return (
        can_view_post(user, post)
        and not _is_author(user, post)
        and not post.is_deleted
        and not post.is_hidden
    )


def can_moderate_thread(user, thread):
    return can_moderate(user) and can_view_thread(user, thread)


def can_moderate_post(user, post):
    """Hide or show a post, and read its earlier versions."""
    return can_moderate_thread(user, post.thread)


def can_view_moderation_queue(user):
    return can_moderate(user)


def can_view_moderation_notice(user, action):
    """What a moderator did to a post: told to its author, and readable by moderators."""
    post = action.post
    if post is None:
        return False
    return can_moderate(user) or (_is_author(user, post) and can_view_thread(user, post.thread))


def can_view_category(user, category):
    return can_enter_area(user)


def can_follow(user, target):
    return can_see(user, target)


def can_manage_notifications(user):
    return can_enter_area(user)


# Whatever a notification or a follow may point at, by model label: anything not named here
# is seen by nobody, so a new kind of target stays silent until its rule is written.
SEE_RULES = {
    "discussions.category": can_view_category,
    "discussions.thread": can_view_thread,
    "discussions.post": can_view_post,
    "discussions.moderationaction": can_view_moderation_notice,
    "library.tender": lambda user, tender: can_view_tender(user, tender),
}


def can_see(user, target):
    if target is None:
        return False
    rule = SEE_RULES.get(target._meta.label_lower)
    return bool(rule and rule(user, target))


def can_view_notification(user, notification):
    """Checked again whenever a notification is shown or sent: a post hidden since it was
    written drops out of the list and the digest."""
    return notification.recipient_id == getattr(user, "pk", None) and can_see(
        user, notification.target
    )


def visible_clauses(user):
    """A clause goes with the tender it was taken from."""
    from community.library.models import Clause

    return Clause.objects.filter(tender__in=visible_tenders(user).filter(withdrawn_at__isnull=True))


def can_view_clause(user, clause):
    return can_view_tender(user, clause.tender) and not clause.tender.is_withdrawn


def can_save_clause(user, tender):
    return can_share_tender(user) and can_view_tender(user, tender)


def can_delete_clause(user, clause):
    return can_enter_area(user) and (is_staff(user) or clause.saved_by_id == user.pk)


def can_download_attachment(user, attachment):
    """A post's file goes with the post: to whoever may see it, never once it is deleted."""
    post = attachment.post
    return can_view_post(user, post) and not post.is_deleted
