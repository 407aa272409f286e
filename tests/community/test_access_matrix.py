"""Who gets what at every address of the members' area.

The addresses come from the URLconf, not from a list: a view added to ``community.urls`` is
requested here by every kind of visitor, and the test fails until the table below says what
each of them must get. A view that forgets its rule therefore cannot open silently.
"""

from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse

from community.access import RULE_ATTRIBUTE
from community.library.models import Clause, DeadlineFeed
from community.membership import invite
from tests.factories import (
    ApplicantFactory,
    EditorFactory,
    MemberFactory,
    ModeratorFactory,
    PostFactory,
    TenderDocumentFactory,
)
from tests.urlconf import area_patterns

ROLES = ("anonymous", "applicant", "rejected", "lapsed", "member", "moderator", "staff")

PAGE = "page"
LOGIN = "redirect to login"
WAITING = "redirect to the waiting page"
CLOSED = "403: area closed"
NOT_FOUND = "404"
FORBIDDEN = "403"
POST_ONLY = "405"


# Placeholder values, to resolve a URL back to its view.
ANY_ARGUMENTS = defaultdict(lambda: 1, token="token")


def redirect_to(url_name):
    return f"redirect to {url_name}"


# The members-only rule: what every page of the area gives each kind of visitor.
AREA = {
    "anonymous": LOGIN,
    "applicant": WAITING,
    "rejected": CLOSED,
    "lapsed": CLOSED,
    "member": PAGE,
    "moderator": PAGE,
    "staff": PAGE,
}
# Their own data: anyone with an account, whatever the state of their membership.
ACCOUNT_HOLDERS = dict.fromkeys(ROLES, PAGE) | {"anonymous": LOGIN}

EXPECTED = {
    "home": AREA,
    "awaiting_approval": ACCOUNT_HOLDERS
    | {role: redirect_to("community:home") for role in ("member", "moderator", "staff")},
    "directory": AREA,
    "profile": AREA,
    "profile_photo": AREA,
    # Staff run the area without a profile of their own.
    "my_profile": AREA
    | {
        "member": redirect_to("community:profile"),
        "moderator": redirect_to("community:profile"),
        "staff": redirect_to("community:home"),
    },
    "edit_profile": AREA | {"staff": NOT_FOUND},
    "my_data": ACCOUNT_HOLDERS,
    "download_my_data": ACCOUNT_HOLDERS,
    "delete_account": ACCOUNT_HOLDERS,
    # An invitation link works for whoever holds it; logged-in people are told to log out.
    "accept_invitation": dict.fromkeys(ROLES, PAGE),
    # The tender library. The tender in the arguments is shared with all members by someone
    # else; tests/community/library/test_access.py covers owners, co-editors and tenders for
    # one organisation only.
    "library:library": AREA,
    "library:cpv_search": AREA,
    "library:tender": AREA,
    "library:download": AREA,
    # Sharing needs a membership (staff have none); editing is for the owner and co-editors.
    "library:share": AREA | {"staff": FORBIDDEN},
    "library:edit": AREA | {"member": NOT_FOUND, "moderator": NOT_FOUND},
    "library:withdraw": AREA | {"member": NOT_FOUND, "moderator": NOT_FOUND},
    "library:add_document": AREA | {"member": NOT_FOUND, "moderator": NOT_FOUND},
    "library:replace_document": AREA | {"member": NOT_FOUND, "moderator": NOT_FOUND},
    "library:calendar": AREA,
    "library:follow": AREA | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "library:follow_cpv": AREA | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "library:clauses": AREA,
    "library:clause": AREA,
    "library:compare": AREA,
    # Removing a clause is for the member who saved it, and only by POST.
    "library:delete_clause": AREA | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "library:save_clause": AREA | {"staff": NOT_FOUND},
    "library:mark_clause_used": AREA | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "library:export": AREA,
    "library:export_tender": AREA,
    "library:import": AREA | {"staff": FORBIDDEN},
    # A calendar program cannot log in: the private address is the key, whoever uses it.
    "library:deadlines": dict.fromkeys(ROLES, PAGE),
    # Discussions. The post in the arguments is someone else's reply, and the notification
    # someone else's: tests/community/discussions/test_access.py covers authors and
    # recipients.
    "discussions:index": AREA,
    "discussions:category": AREA,
    "discussions:new_thread": AREA,
    "discussions:follow_category": AREA
    | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "discussions:thread": AREA,
    "discussions:reply": AREA,
    "discussions:follow_thread": AREA | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "discussions:edit_post": AREA | dict.fromkeys(("member", "moderator", "staff"), NOT_FOUND),
    "discussions:delete_post": AREA | dict.fromkeys(("member", "moderator", "staff"), NOT_FOUND),
    "discussions:flag_post": AREA,
    # Moderators' pages: staff moderate too.
    "discussions:moderate_thread": AREA | {"member": NOT_FOUND},
    "discussions:moderate_post": AREA | {"member": NOT_FOUND},
    "discussions:post_history": AREA | {"member": NOT_FOUND},
    "discussions:moderation_queue": AREA | {"member": NOT_FOUND},
    "discussions:notifications": AREA,
    "discussions:attachment": AREA,
    "discussions:mark_notifications_read": AREA
    | dict.fromkeys(("member", "moderator", "staff"), POST_ONLY),
    "discussions:open_notification": AREA
    | dict.fromkeys(("member", "moderator", "staff"), NOT_FOUND),
    "discussions:notification_settings": AREA,
    # The link in notification emails works for whoever holds it, and only asks on a GET.
    "discussions:unsubscribe": dict.fromkeys(ROLES, PAGE),
}


@pytest.fixture
def people(db):
    return SimpleNamespace(
        applicant=ApplicantFactory().user,
        rejected=MemberFactory(status="rejected").user,
        lapsed=MemberFactory(status="lapsed").user,
        member=MemberFactory().user,
        moderator=ModeratorFactory().user,
        staff=EditorFactory(),
    )


@pytest.fixture
def url_arguments(db, superuser):
    """Values for the URL parameters of the area: another member's profile with a photo
    they share, and a live invitation."""
    listed = MemberFactory(
        photo=SimpleUploadedFile("face.png", PNG_PIXEL, content_type="image/png"),
        photo_alt_text="Portrait",
    )
    invitation = invite(email="invitee@example.org", by=superuser)
    token = invitation.token  # set by invite() for the email, never stored
    document = TenderDocumentFactory()
    return {
        "pk": listed.pk,
        "token": token,
        "tender_id": document.tender.pk,
        "document_id": document.pk,
        "version_id": document.versions.get().pk,
        "feed_token": DeadlineFeed.renew_for(listed.user).token,
        "code": "30000000",
        "clause_id": Clause.objects.create(
            title="Factory disclosure",
            text="The supplier discloses…",
            kind="contract_performance",
            tender=document.tender,
            saved_by=document.tender.owner,
        ).pk,
        **_discussion_arguments(),
    }


def _discussion_arguments():
    from django.core.files.base import ContentFile

    from community.discussions import emails
    from community.discussions.models import Notification
    from community.discussions.posting import attach
    from tests.community.library.files import pdf

    post = PostFactory()
    reader = post.thread.author
    notification = Notification.objects.create(recipient=reader, kind="reply", target=post)
    attachment = attach(post, (ContentFile(pdf(), "minutes.pdf"), check_upload_of(pdf())))
    return {
        "attachment_id": attachment.pk,
        "category_slug": post.thread.category.slug,
        "thread_id": post.thread.pk,
        "post_id": post.pk,
        "notification_id": notification.pk,
        "unsubscribe_token": emails.unsubscribe_token(reader, ["reply"]),
    }


def check_upload_of(content, name="minutes.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.uploads import check_upload

    return check_upload(SimpleUploadedFile(name, content))


def url_for(name, converters, arguments):
    kwargs = {key: arguments[key] for key in converters}
    return reverse(f"community:{name}", kwargs=kwargs)


def outcome_of(response, *, people_redirects):
    location = response.get("Location", "")
    if response.status_code == 200:
        return PAGE
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return CLOSED if "closed to this account" in response.content.decode() else FORBIDDEN
    if response.status_code == 302:
        if location.startswith(reverse("account_login") + "?next="):
            return LOGIN
        if location == reverse("community:awaiting_approval"):
            return WAITING
        for name, url in people_redirects.items():
            if location == url:
                return redirect_to(name)
    return f"{response.status_code} {location}".strip()


def test_every_view_of_the_area_declares_its_rule():
    undeclared = [
        name
        for name, converters in area_patterns()
        if not hasattr(resolve(url_for(name, converters, ANY_ARGUMENTS)).func, RULE_ATTRIBUTE)
    ]

    assert area_patterns(), "No URLs found under the community namespace"
    assert not undeclared, f"Views with no access rule (see community/access.py): {undeclared}"


def test_every_address_of_the_area_has_an_expected_outcome_for_every_role():
    names = {name for name, _pattern in area_patterns()}

    assert names - set(EXPECTED) == set(), "Add these URLs to EXPECTED with each role's outcome"
    assert set(EXPECTED) - names == set(), "EXPECTED names URLs that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_table_says_at_every_address(
    client, people, url_arguments, role
):
    user = getattr(people, role, None)
    wrong = []
    for name, converters in area_patterns():
        client.logout()
        if user is not None:
            client.force_login(user)
        own_member = getattr(user, "member", None) if user else None
        people_redirects = {
            "community:home": reverse("community:home"),
            "community:profile": reverse("community:profile", args=[own_member.pk])
            if own_member
            else None,
        }
        url = url_for(name, converters, url_arguments)

        got = outcome_of(client.get(url), people_redirects=people_redirects)

        if got != EXPECTED[name][role]:
            wrong.append(f"{url}: got {got!r}, expected {EXPECTED[name][role]!r}")

    assert not wrong, f"As {role}:\n" + "\n".join(wrong)


PNG_PIXEL = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x03\x00\x08\xfc\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
