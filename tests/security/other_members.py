"""Another member's objects at every address that takes an id, found by walking the URLconf.

Member A (and a visitor) put member B's ids into every address: B's tender, document,
version, clause, thread, post, file and notification, first those every member may see,
then those only B's organisation may see. With A's own form for that address, as a GET and
as a POST: nothing of B's changes, nothing private comes back, and the private ones are not
found at all. Addresses whose key is a secret token (calendar, unsubscribe, invitation) are
not ids: tests/security/test_addresses.py tries guessed ones.
"""

from django.contrib.auth import get_user_model
from django.urls import resolve, reverse

from community.discussions.models import (
    Attachment,
    Follow,
    Notification,
    NotificationSetting,
    Post,
    Thread,
)
from community.library.models import Clause, DeadlineFeed, DocumentVersion, Tender, TenderDocument
from community.models import Member
from tests.security.files import plain_file
from tests.security.world import DOCUMENT_SERVER, PAGE_SERVER, public_routes

TOKENS = {"token", "feed_token", "unsubscribe_token", "key", "uidb36"}
# What only B's organisation may see: with these, A gets nothing at all.
PRIVATE_IDS = {
    "tender_id",
    "document_id",
    "version_id",
    "clause_id",
    "thread_id",
    "post_id",
    "attachment_id",
    "notification_id",
}
NOT_THERE = {403, 404, 405}


def state_of(user):
    """Everything of B's that A might try to change, field by field."""
    tenders = Tender.objects.filter(owner=user)
    posts = Post.objects.filter(author=user)
    found = {
        "tenders": tenders.values(),
        "documents": TenderDocument.objects.filter(tender__in=tenders).values(),
        "versions": DocumentVersion.objects.filter(document__tender__in=tenders).values(),
        "clauses": Clause.objects.filter(saved_by=user).values("pk", "title", "text", "tender"),
        "threads": Thread.objects.filter(author=user).values(
            "pk", "title", "category", "is_pinned", "is_locked", "is_closed"
        ),
        "posts": posts.values("pk", "body", "hidden_at", "deleted_at", "edited_at"),
        "attachments": Attachment.objects.filter(post__in=posts).values(),
        "notifications": Notification.objects.filter(recipient=user).values(),
        "settings": NotificationSetting.objects.filter(user=user).values(),
        "follows": Follow.objects.filter(user=user).values(),
        "feed": DeadlineFeed.objects.filter(user=user).values("pk", "token"),
        "member": Member.objects.filter(user=user).values(),
        "user": get_user_model()
        .objects.filter(pk=user.pk)
        .values("pk", "first_name", "last_name", "email", "password", "is_active"),
    }
    return {name: list(rows.order_by("pk")) for name, rows in found.items()}


class OtherMembersAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def own_forms(self, role):
        """A's own form for each view, to send to B's address."""
        forms = {}
        for visit in self.visits[role]:
            for form in visit.forms:
                if form.method == "post":
                    forms.setdefault(resolve(form.path).view_name, form)
        return forms

    def attack(self, role, user):
        probe = self.probe(user)
        forms = self.own_forms(role) if user else {}
        other = self.world.people.other.user
        before = state_of(other)
        tried = 0
        for route in public_routes():
            keys = set(route.kwargs)
            if route.name in (PAGE_SERVER, DOCUMENT_SERVER) or not keys or keys & TOKENS:
                continue
            for private in (False, True):
                arguments = self.world.arguments("b", private=private)
                url = reverse(route.name, kwargs={k: arguments[k] for k in route.kwargs})
                form = forms.get(route.name)
                pairs = form.values() if form else []
                files = [plain_file(f, self.package) for f in form.file_fields] if form else []
                # Not undone: whatever A manages to change must show at the end.
                for method in ("GET", "POST"):
                    probe.log_in()
                    if method == "GET":
                        response = probe.get(url, label=f"{role}: GET {url}")
                    else:
                        response = probe.post(url, pairs, files, label=f"{role}: POST {url}")
                    tried += 1
                    refused = response.status_code in NOT_THERE or (
                        user is None and response.status_code == 302
                    )
                    if private and keys & PRIVATE_IDS and not refused:
                        probe.note(f"{role}: {method} {url}", f"answered {response.status_code}")
        self.assertEqual(state_of(other), before, f"{role} changed member B's things")
        return probe, tried

    def test_a_member_cannot_reach_or_change_another_members_objects(self):
        probe, tried = self.attack("member", self.world.people.member.user)

        self.assertGreater(tried, 100)
        probe.assert_no_problems(self)

    def test_a_visitor_cannot_reach_or_change_any_members_objects(self):
        probe, tried = self.attack("visitor", None)

        self.assertGreater(tried, 100)
        probe.assert_no_problems(self)
