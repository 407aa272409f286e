"""A site whose every free-text field holds a payload, and the people who attack it.

Two organisations: member A (with a colleague and a moderator) in the first, member B in the
second. Each has a tender shared with all members and one for their organisation only, a
document, a clause, posts, a notification and a calendar address. The attack suite acts as A
(or as a visitor) on A's own objects to reach every form, and on B's to try what A must not.

B's organisation-only things carry ``SECRET``: no response to A or to a visitor may contain
it. What only logged-in people may see carries ``MEMBERS_ONLY``, which no visitor may get.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from tests.community.library.files import pdf
from tests.factories import (
    CategoryFactory,
    EventPageFactory,
    MemberFactory,
    ModeratorFactory,
    NewsPageFactory,
    OrganisationFactory,
    PostFactory,
    ResourcePageFactory,
    SiteDocumentFactory,
    StandardPageFactory,
    SuperuserFactory,
    TenderDocumentFactory,
    TenderFactory,
    ThreadFactory,
    TopicFactory,
    build_site_tree,
    paragraph,
)
from tests.security.corpus import HEADER_INJECTION, SCRIPT_PAYLOADS, rotation
from tests.urlconf import routes

SECRET = "SECRET-CANARY-7f3a"
MEMBERS_ONLY = "MEMBERS-ONLY-CANARY-2b1c"
SECRET_BYTES = pdf(f"Private specification {SECRET}")
PAGE_PASSWORD = "open-sesame-123"


class HostileText:
    """Text for the next field: a label saying where it is, then the next payload."""

    def __init__(self):
        self.payloads = rotation(SCRIPT_PAYLOADS)

    def __call__(self, label):
        return f"{label} {next(self.payloads)}"


@dataclass
class World:
    site: SimpleNamespace
    people: SimpleNamespace
    objects: SimpleNamespace

    def arguments(self, owner, *, private=False):
        """Values for every URL keyword, pointing at ``owner``'s objects ("a" or "b"); with
        ``private``, at those only the owner's organisation may see."""
        own = getattr(self.objects, owner)
        arguments = {
            "pk": own.member.pk,
            "token": self.objects.invitation_token,
            "tender_id": own.tender.pk,
            "document_id": own.document.pk,
            "version_id": own.version.pk,
            "clause_id": own.clause.pk,
            "feed_token": own.feed_token,
            "code": "30213100",
            "attachment_id": own.attachment.pk,
            "category_slug": self.objects.category.slug,
            "thread_id": own.thread.pk,
            "post_id": own.post.pk,
            "notification_id": own.notification.pk,
            "unsubscribe_token": own.unsubscribe_token,
            "slug": self.objects.tag_slug,
            "restriction_id": self.objects.document_restriction.pk,
            "page_view_restriction_id": self.objects.page_restriction.pk,
            "page_id": self.objects.page_restriction.page_id,
            "key": self.objects.email_confirmation_key,
            "uidb36": self.objects.reset_uidb36,
        }
        if private:
            arguments |= {
                "tender_id": own.own_only_tender.pk,
                "clause_id": own.private_clause.pk,
                "thread_id": own.private_thread.pk,
                "post_id": own.file_post.pk,
            }
        return arguments

    def secrets_for(self, user):
        """What must never reach ``user`` (None for a visitor); staff may see everything."""
        if user is None:
            return [SECRET, MEMBERS_ONLY]
        return [] if user == self.people.superuser else [SECRET]

    def reset_password_arguments(self):
        return {"uidb36": self.objects.reset_uidb36, "key": self.objects.reset_key}


def build_world():
    text = HostileText()
    tree = build_site_tree()
    site = _public_site(tree, text)
    org_a = OrganisationFactory(name=text("Organisation A"), website="https://a.example/")
    org_b = OrganisationFactory(name=text("Organisation B"), website="https://b.example/")
    people = SimpleNamespace(
        member=_member(org_a, text, "marta"),
        colleague=_member(org_a, text, "colleague"),
        moderator=ModeratorFactory(organisation=org_a, bio=text("Moderator bio")),
        other=_member(org_b, text, "jens"),
        superuser=SuperuserFactory(),
    )
    # A name with a line break in it: names go into email subjects.
    people.other.user.last_name = HEADER_INJECTION
    people.other.user.save()
    category = CategoryFactory(
        name=text("Category")[:80], slug="hostile-category", description=text("About")
    )
    a = _holdings(people.member, category, text, secret=False)
    b = _holdings(people.other, category, text, secret=True)
    a.tender.co_editors.add(people.colleague.user)
    objects = SimpleNamespace(a=a, b=b, category=category, **_tokens(people, site))
    objects.tag_slug = site.news.tags.first().slug
    return World(site=site, people=people, objects=objects)


def _public_site(tree, text):
    topic = TopicFactory(name=text("Topic")[:80], description=text("Topic description"))
    news = NewsPageFactory(
        parent=tree.news_index,
        title=text("News"),
        slug="hostile-news",
        introduction=text("Introduction"),
        body=paragraph("A story."),
        tags=[text("Tag")[:100]],
    )
    event = EventPageFactory(
        parent=tree.event_index,
        title=text("Event"),
        slug="hostile-event",
        venue_name=text("Venue")[:255],
        organiser=text("Organiser")[:255],
        introduction=text("Introduction"),
        tags=[text("Event tag")[:100]],
    )
    resource = ResourcePageFactory(
        parent=tree.resource_index,
        title=text("Resource"),
        slug="hostile-resource",
        introduction=text("Introduction"),
        topics=[topic],
        tags=[text("Resource tag")[:100]],
    )
    private_page = StandardPageFactory(
        parent=tree.home, title=f"Members only {MEMBERS_ONLY}", slug="members-only", private=True
    )
    password_page = StandardPageFactory(parent=tree.home, title="Password page", slug="locked")
    page_restriction = PageViewRestriction.objects.create(
        page=password_page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    locked = Collection.get_first_root_node().add_child(name="Locked collection")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=locked, restriction_type=CollectionViewRestriction.PASSWORD, password="x-1"
    )
    return SimpleNamespace(
        tree=tree,
        news=news,
        event=event,
        resource=resource,
        topic=topic,
        private_page=private_page,
        password_page=password_page,
        page_restriction=page_restriction,
        document=SiteDocumentFactory(title=text("Document")),
        locked_document=SiteDocumentFactory(title=f"Locked {SECRET}", collection=locked),
        document_restriction=document_restriction,
    )


def _member(organisation, text, username):
    return MemberFactory(
        organisation=organisation,
        user__username=username,
        user__first_name=text("First")[:150],
        user__last_name=text("Last")[:150],
        job_title=text("Job")[:120],
        bio=text("Bio"),
        shared_fields=["job_title", "country", "bio", "topics", "photo"],
    )


def _holdings(member, category, text, *, secret):
    """A member's tenders, document, clause, thread, posts, file and notification."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.discussions.models import Notification
    from community.discussions.posting import attach
    from community.library.models import Clause, DeadlineFeed
    from community.library.threads import start_tender_thread
    from community.uploads import check_upload

    user = member.user
    label = SECRET if secret else MEMBERS_ONLY
    shared = TenderFactory(
        owner=user,
        # B's has a line break in its title: titles go into calendars.
        title=f"Tender {HEADER_INJECTION}" if secret else text("Tender"),
        summary=text("Summary"),
        criteria=text("Criteria"),
        buyer_name=text("Buyer")[:255],
        submission_deadline=timezone.now() + datetime.timedelta(days=20),
    )
    shared.tags.add(text("Tender tag")[:100])
    shared.save()
    own_only = TenderFactory(
        owner=user, title=f"Organisation-only tender {label}", visibility="organisation"
    )
    document = TenderDocumentFactory(
        tender=own_only if secret else shared,
        title=text("Document"),
        versions=[SECRET_BYTES if secret else pdf("Specification")],
    )
    start_tender_thread(shared, user)
    private_thread = start_tender_thread(own_only, user)
    clause = Clause.objects.create(
        title=text("Clause")[:200],
        text=text("Clause text"),
        kind="contract_performance",
        tender=shared,
        saved_by=user,
    )
    private_clause = Clause.objects.create(
        title=f"Clause {label}", text=label, kind="award_criterion", tender=own_only, saved_by=user
    )
    thread = ThreadFactory(
        category=category, author=user, title=text("Thread")[:200], body=text("Opening post")
    )
    post = PostFactory(thread=thread, author=user, body=text("Reply"))
    # A's file is on a post every member sees; B's on the thread about B's private tender.
    file_post = PostFactory(thread=private_thread if secret else thread, author=user)
    content = SECRET_BYTES if secret else pdf("Minutes")
    checked = check_upload(SimpleUploadedFile("minutes.pdf", content))
    attachment = attach(file_post, (ContentFile(content, "minutes.pdf"), checked))
    notification = Notification.objects.create(
        recipient=user, kind="reply", target=post, actor=None
    )
    return SimpleNamespace(
        member=member,
        user=user,
        tender=shared,
        own_only_tender=own_only,
        document=document,
        version=document.versions.get(),
        clause=clause,
        private_clause=private_clause,
        thread=thread,
        private_thread=private_thread,
        file_post=file_post,
        post=post,
        attachment=attachment,
        notification=notification,
        feed_token=DeadlineFeed.renew_for(user).token,
        unsubscribe_token=_unsubscribe_token(user),
    )


def _unsubscribe_token(user):
    from community.discussions import emails

    return emails.unsubscribe_token(user, ["reply"])


def _tokens(people, site):
    """Invitation, email confirmation and password reset keys, as their emails carry them."""
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    from community.membership import invite

    invitation = invite(email="invitee@example.org", by=people.superuser)
    applicant = MemberFactory(status="pending", user__username="applicant")
    address = EmailAddress.objects.get(user=applicant.user)
    address.verified = False
    address.save()
    return {
        "invitation_token": invitation.token,
        "email_confirmation_key": EmailConfirmationHMAC(address).key,
        "reset_uidb36": user_pk_to_url_str(applicant.user),
        "reset_key": default_token_generator.make_token(applicant.user),
        "page_restriction": site.page_restriction,
        "document_restriction": site.document_restriction,
    }


# Which addresses a visitor or a member can reach: everything but the admins'.
STAFF_ONLY = ("admin/", "django-admin/")
PAGE_SERVER = "wagtail_serve"
DOCUMENT_SERVER = "wagtaildocs_serve"


def public_routes():
    return [route for route in routes() if not route.route.startswith(STAFF_ONLY)]


def page_urls():
    """Every live page, and each address its routes add (feeds, calendars)."""
    urls = []
    for page in Page.objects.live().specific().exclude(depth=1):
        url = page.get_url()
        if not url:
            continue
        urls.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                if not getattr(pattern.pattern, "converters", {}) and pattern.name:
                    urls.append(url + page.reverse_subpage(pattern.name).lstrip("/"))
    return urls


def urls_for(world, owner):
    """Every address a visitor or a member may try, with ``owner``'s objects in it:
    ``(route name, url)``. A keyword the world has no value for fails the test, so that a
    new kind of address is not skipped in silence."""
    arguments = world.arguments(owner)
    found = []
    for route in public_routes():
        if route.name == PAGE_SERVER:
            found += [(PAGE_SERVER, url) for url in page_urls()]
            continue
        if route.name == DOCUMENT_SERVER:
            document = world.site.document
            found.append((route.name, reverse(route.name, args=[document.pk, document.filename])))
            continue
        missing = [name for name in route.kwargs if name not in arguments]
        assert not missing, f"Give the attack suite a value for {missing} ({route.route})"
        kwargs = {name: arguments[name] for name in route.kwargs}
        if route.name == "account_reset_password_from_key":
            kwargs = world.reset_password_arguments()
        found.append((route.name, reverse(route.name, kwargs=kwargs)))
    return found
